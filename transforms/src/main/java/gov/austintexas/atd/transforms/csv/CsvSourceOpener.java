package gov.austintexas.atd.transforms.csv;

import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeException;
import dev.failsafe.RetryPolicy;
import gov.austintexas.atd.transforms.http.BoundedExchange;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Downloads an {@code https://} (or {@code http://}) CSV source once to a local spool file with the
 * JDK's HTTP client, the whole exchange bounded by the time limit (see {@link BoundedExchange}). A
 * download is retried whole on a timeout, a dropped connection or a 5xx; nothing has been read from
 * it by then.
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
        HttpClient.newBuilder()
            .executor(executor)
            .connectTimeout(timeout)
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build();
    this.retries =
        RetryPolicy.<Path>builder()
            .handleIf(
                failure -> failure instanceof IOException && !(failure instanceof ClientError))
            .withBackoff(Duration.ofMillis(500), Duration.ofSeconds(10))
            .withMaxRetries(3)
            .build();
  }

  /** The whole of the URL in a new temporary file, which the caller deletes. */
  Path spool(String url) throws IOException {
    Path file = Files.createTempFile("csv-source-", ".csv");
    try {
      return Failsafe.with(retries).get(() -> download(url, file));
    } catch (FailsafeException wrapped) {
      Files.deleteIfExists(file);
      if (wrapped.getCause() instanceof ClientError refused) {
        throw refused;
      }
      throw new Unreachable(wrapped.getCause() == null ? wrapped : wrapped.getCause());
    } catch (RuntimeException e) {
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
    HttpResponse<Path> response =
        BoundedExchange.send(http, request, HttpResponse.BodyHandlers.ofFile(file), timeout);
    int status = response.statusCode();
    if (status == 200) {
      return file;
    }
    String message = "HTTP " + status + " from " + request.uri().getHost();
    throw status >= 400 && status < 500 && status != 408 && status != 429
        ? new ClientError(message)
        : new IOException(message);
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
