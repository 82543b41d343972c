package gov.austintexas.atd.transforms.csv;

import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeException;
import dev.failsafe.RetryPolicy;
import gov.austintexas.atd.transforms.http.BoundedExchange;
import java.io.FileNotFoundException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.Channels;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.beam.sdk.io.FileSystems;

/**
 * Opens a CSV source as a stream: an {@code https://} (or {@code http://}) URL with the JDK's
 * HTTP client, anything else (an {@code s3://} object, a {@code file:} URI, a local path) through
 * Beam's file systems. Fetching an URL, body included, has a time limit and is retried on a
 * timeout, a dropped connection or a 5xx.
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
        if (wrapped.getCause() instanceof ClientError refused) {
          throw refused;
        }
        throw new Unreachable(wrapped.getCause() == null ? wrapped : wrapped.getCause());
      }
      in.skipNBytes(from);
      return in;
    }
    String path = location.startsWith("file:") ? Path.of(URI.create(location)).toString() : location;
    ReadableByteChannel channel;
    try {
      channel = FileSystems.open(FileSystems.matchSingleFileSpec(path).resourceId());
    } catch (FileNotFoundException missing) {
      throw missing;
    } catch (IOException e) {
      throw new Unreachable(e);
    }
    if (from > 0) {
      if (channel instanceof SeekableByteChannel seekable) {
        seekable.position(from);
      } else {
        Channels.newInputStream(channel).skipNBytes(from);
      }
    }
    return Channels.newInputStream(channel);
  }

  /**
   * The whole answer must come within the timeout, body included ({@link BoundedExchange}): the
   * body goes to a temporary file, deleted when the returned stream is closed, so a server that
   * stalls half-way fails the attempt instead of hanging the read.
   */
  private InputStream get(String url) throws IOException {
    HttpRequest request;
    try {
      request = HttpRequest.newBuilder(URI.create(url)).timeout(timeout).GET().build();
    } catch (IllegalArgumentException e) {
      throw new ClientError("not a valid URL: " + e.getMessage());
    }
    Path body = Files.createTempFile("csv-source-", ".csv");
    try {
      HttpResponse<Path> response = BoundedExchange.send(http, request, HttpResponse.BodyHandlers.ofFile(body), timeout);
      int status = response.statusCode();
      if (status == 200) {
        return new DeletingInputStream(body);
      }
      String message = "HTTP " + status + " from " + request.uri().getHost();
      throw status >= 400 && status < 500 && status != 408 && status != 429 ? new ClientError(message) : new IOException(message);
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(body);
      throw e;
    }
  }

  /** A downloaded body, removed once read. */
  private static final class DeletingInputStream extends FilterInputStream {
    private final Path file;

    DeletingInputStream(Path file) throws IOException {
      super(Files.newInputStream(file));
      this.file = file;
    }

    @Override
    public void close() throws IOException {
      try {
        super.close();
      } finally {
        Files.deleteIfExists(file);
      }
    }
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }

  /**
   * The source could not be fetched (a timeout, a refused or dropped connection, a 5xx, after the
   * retries): an outage, not a fault of its data.
   */
  static final class Unreachable extends IOException {
    private static final long serialVersionUID = 1L;

    Unreachable(Throwable cause) {
      super(cause.getClass().getSimpleName() + ": " + cause.getMessage(), cause);
    }
  }

  /** A 4xx answer: asking again gives the same answer. */
  static final class ClientError extends IOException {
    private static final long serialVersionUID = 1L;

    ClientError(String message) {
      super(message);
    }
  }
}
