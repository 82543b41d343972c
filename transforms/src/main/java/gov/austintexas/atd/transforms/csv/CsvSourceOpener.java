package gov.austintexas.atd.transforms.csv;

import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeException;
import dev.failsafe.RetryPolicy;
import gov.austintexas.atd.transforms.http.BoundedExchange;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.Channels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.beam.sdk.io.FileSystems;

/**
 * Copies a CSV source once to a local spool file: an {@code https://} (or {@code http://}) URL
 * downloaded with the JDK's HTTP client, the whole exchange bounded by the time limit (see {@link
 * BoundedExchange}); anything else (an {@code s3://} object, a {@code file:} URI, a local path)
 * copied through Beam's file systems in one read. A download is retried whole on a timeout, a
 * dropped connection or a 5xx; nothing has been read from it by then.
 */
final class CsvSourceOpener implements AutoCloseable {
  private final Duration timeout;
  private final ExecutorService executor;
  private final HttpClient http;
  private final RetryPolicy<Path> retries;

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
        RetryPolicy.<Path>builder()
            .handleIf(failure -> failure instanceof IOException && !(failure instanceof ClientError))
            .withBackoff(Duration.ofMillis(500), Duration.ofSeconds(10))
            .withMaxRetries(3)
            .build();
  }

  /** The whole source in a new temporary file, which the caller deletes. */
  Path spool(String location) throws IOException {
    Path file = Files.createTempFile("csv-source-", ".csv");
    try {
      if (location.startsWith("https://") || location.startsWith("http://")) {
        Failsafe.with(retries).get(() -> download(location, file));
      } else {
        String path = location.startsWith("file:") ? Path.of(URI.create(location)).toString() : location;
        try (InputStream in = Channels.newInputStream(FileSystems.open(FileSystems.matchSingleFileSpec(path).resourceId()))) {
          Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
        }
      }
      return file;
    } catch (FailsafeException wrapped) {
      Files.deleteIfExists(file);
      if (wrapped.getCause() instanceof IOException io) {
        throw io;
      }
      throw wrapped;
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(file);
      throw e;
    }
  }

  /** The whole body into {@code file}, within the time limit; anything but 200 is an error. */
  private Path download(String url, Path file) throws IOException {
    HttpRequest request;
    try {
      request = HttpRequest.newBuilder(URI.create(url)).timeout(timeout).GET().build();
    } catch (IllegalArgumentException e) {
      throw new ClientError("not a valid URL: " + e.getMessage());
    }
    HttpResponse<Path> response = BoundedExchange.send(http, request, HttpResponse.BodyHandlers.ofFile(file), timeout);
    int status = response.statusCode();
    if (status == 200) {
      return file;
    }
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
