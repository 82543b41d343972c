package gov.austintexas.atd.transforms.http;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One HTTP exchange with a time limit from the request to the last byte of the body.
 *
 * <p>{@link HttpRequest.Builder#timeout} stops counting once the response headers arrive, so a
 * server that sends its headers and then stalls the body hangs {@link HttpClient#send} forever.
 * Waiting on {@link HttpClient#sendAsync} with a deadline, and cancelling on expiry (which aborts
 * the exchange since JDK 16), bounds the whole call. Use a body handler that reads the whole body
 * ({@code ofString}, {@code ofByteArray}, {@code ofFile}); a streaming handler's future completes
 * at the headers and so is bounded only that far.
 */
public final class BoundedExchange {
  private BoundedExchange() {}

  /**
   * Sends {@code request} and returns its complete response, or throws an {@link
   * HttpTimeoutException} (an {@link IOException}, so callers retry it like any transient failure)
   * naming the method and path, never the query (which may carry a credential).
   */
  public static <T> HttpResponse<T> send(
      HttpClient http, HttpRequest request, HttpResponse.BodyHandler<T> body, Duration limit)
      throws IOException {
    CompletableFuture<HttpResponse<T>> call = http.sendAsync(request, body);
    try {
      return call.get(limit.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      call.cancel(true);
      throw timedOut(request, limit);
    } catch (InterruptedException e) {
      call.cancel(true);
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while waiting for " + describe(request), e);
    } catch (ExecutionException e) {
      // The request's own timeout (at the headers) may fire first: one message for either.
      if (e.getCause() instanceof HttpTimeoutException) {
        throw timedOut(request, limit);
      }
      if (e.getCause() instanceof IOException io) {
        throw io;
      }
      throw new IOException(describe(request) + " failed: " + e.getCause(), e.getCause());
    }
  }

  private static HttpTimeoutException timedOut(HttpRequest request, Duration limit) {
    return new HttpTimeoutException(
        describe(request) + " got no complete answer within " + limit.toMillis() + " ms");
  }

  /** The method and the path, without query or user info. */
  public static String describe(HttpRequest request) {
    return request.method() + " " + request.uri().getRawPath();
  }
}
