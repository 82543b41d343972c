package gov.austintexas.atd.transforms.csv;

import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeException;
import dev.failsafe.RetryPolicy;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.Channels;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.beam.sdk.io.FileSystems;

/**
 * Opens a CSV source as a stream: an {@code https://} (or {@code http://}) URL with the JDK's
 * HTTP client, anything else (an {@code s3://} object, a {@code file:} URI, a local path) through
 * Beam's file systems. Opening an URL is retried on a timeout, a dropped connection or a 5xx;
 * once rows have been read a failure is not retried, since the rows would come twice.
 */
final class CsvSourceOpener implements AutoCloseable {
  private final Duration timeout;
  private final ExecutorService executor;
  private final HttpClient http;
  private final RetryPolicy<InputStream> retries;

  CsvSourceOpener(Duration timeout) {
    this.timeout = timeout;
    this.executor =
        Executors.newCachedThreadPool(
            runnable -> {
              Thread thread = new Thread(runnable, "csv-source-http");
              thread.setDaemon(true);
              return thread;
            });
    // Published Google Sheets answer with a redirect to the file.
    this.http =
        HttpClient.newBuilder().executor(executor).connectTimeout(timeout).followRedirects(HttpClient.Redirect.NORMAL).build();
    this.retries =
        RetryPolicy.<InputStream>builder()
            .handleIf(failure -> failure instanceof IOException && !(failure instanceof ClientError))
            .withBackoff(Duration.ofMillis(500), Duration.ofSeconds(10))
            .withMaxRetries(3)
            .build();
  }

  InputStream open(String location) throws IOException {
    return open(location, 0);
  }

  /**
   * The source from byte {@code from} on: a seek for files and S3 objects (a ranged read), a skip
   * for an URL.
   */
  InputStream open(String location, long from) throws IOException {
    if (location.startsWith("https://") || location.startsWith("http://")) {
      InputStream in;
      try {
        in = Failsafe.with(retries).get(() -> get(location));
      } catch (FailsafeException wrapped) {
        if (wrapped.getCause() instanceof IOException io) {
          throw io;
        }
        throw wrapped;
      }
      in.skipNBytes(from);
      return in;
    }
    String path = location.startsWith("file:") ? Path.of(URI.create(location)).toString() : location;
    ReadableByteChannel channel = FileSystems.open(FileSystems.matchSingleFileSpec(path).resourceId());
    if (from > 0) {
      if (channel instanceof SeekableByteChannel seekable) {
        seekable.position(from);
      } else {
        Channels.newInputStream(channel).skipNBytes(from);
      }
    }
    return Channels.newInputStream(channel);
  }

  /** The response's headers must come within the timeout; the body then streams. */
  private InputStream get(String url) throws IOException, InterruptedException {
    HttpRequest request;
    try {
      request = HttpRequest.newBuilder(URI.create(url)).timeout(timeout).GET().build();
    } catch (IllegalArgumentException e) {
      throw new ClientError("not a valid URL: " + e.getMessage());
    }
    HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
    int status = response.statusCode();
    if (status == 200) {
      return response.body();
    }
    response.body().close();
    String message = "HTTP " + status + " from " + request.uri().getHost();
    throw status >= 400 && status < 500 && status != 408 && status != 429 ? new ClientError(message) : new IOException(message);
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }

  /** A 4xx answer: asking again gives the same answer. */
  static final class ClientError extends IOException {
    private static final long serialVersionUID = 1L;

    ClientError(String message) {
      super(message);
    }
  }
}
