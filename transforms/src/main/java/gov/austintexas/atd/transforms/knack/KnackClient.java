package gov.austintexas.atd.transforms.knack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeException;
import dev.failsafe.RateLimiter;
import dev.failsafe.RetryPolicy;
import gov.austintexas.atd.transforms.http.BoundedExchange;
import gov.austintexas.atd.transforms.json.Json;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The Knack records API (v1) for one app: list, find by field, create, update. Every call has a
 * timeout, waits for the app's rate limiter, and is retried: a 429 after the reset time its
 * headers name, a 5xx, timeout or reset connection with exponential backoff. 400, 401, 403 and 404
 * fail at once with a message naming the app and the object.
 *
 * <p>Not serializable: DoFns create it in {@code @Setup}. Uses the JDK's HTTP client, which needs
 * no dependency and supports per-request timeouts.
 */
public class KnackClient {
  private final KnackApp app;
  private final HttpClient http;
  private final RateLimiter<Object> limiter;
  private final RetryPolicy<Object> retries;

  public KnackClient(KnackApp app) {
    this.app = app;
    this.http =
        HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(app.timeout()).build();
    this.limiter = KnackRateLimiters.forApp(app);
    this.retries =
        RetryPolicy.builder()
            .handleIf(KnackClient::isRetryable)
            .withBackoff(app.initialBackoff(), Duration.ofSeconds(30).plus(app.initialBackoff()))
            .withDelayFnOn(
                context -> untilReset(context.getLastException()), KnackException.class)
            .withMaxRetries(app.maxRetries())
            .build();
  }

  /** One page of an object's records. */
  public record Page(int totalPages, int totalRecords, List<ObjectNode> records) {}

  public Page listRecords(String object, int page, int rowsPerPage) {
    JsonNode body =
        call(object, () -> get(object, recordsUri(object) + "?page=" + page + "&rows_per_page=" + rowsPerPage));
    return new Page(
        body.path("total_pages").asInt(), body.path("total_records").asInt(), objects(body.path("records")));
  }

  /** The records whose {@code field} is {@code value}, through Knack's {@code filters}. */
  public List<ObjectNode> findByField(String object, String field, String value) {
    return objects(call(object, () -> get(object, findUri(object, field, value))).path("records"));
  }

  /**
   * Creates a record. A create that failed with a timeout, a reset connection or a 5xx may still
   * have been applied, so from then on every attempt first looks the record up by its key, and
   * returns an existing one instead of creating a duplicate. (Once set, this stays set: a failed
   * lookup says nothing about the create.)
   */
  public ObjectNode create(String object, ObjectNode record, String keyField, String keyValue) {
    AtomicBoolean maybeApplied = new AtomicBoolean();
    return call(
        object,
        lastFailure -> {
          if (lastFailure != null && mayHaveBeenApplied(lastFailure)) {
            maybeApplied.set(true);
          }
          if (maybeApplied.get()) {
            List<ObjectNode> existing = findOnce(object, keyField, keyValue);
            if (!existing.isEmpty()) {
              return existing.get(0);
            }
          }
          return (ObjectNode) send(object, "POST", recordsUri(object), record);
        });
  }

  public ObjectNode update(String object, String id, ObjectNode record) {
    return call(object, () -> (ObjectNode) send(object, "PUT", recordsUri(object) + "/" + id, record));
  }

  /** One lookup inside an attempt that is already being retried. */
  private List<ObjectNode> findOnce(String object, String field, String value) throws IOException {
    acquirePermit();
    return objects(get(object, findUri(object, field, value)).path("records"));
  }

  private String findUri(String object, String field, String value) {
    ObjectNode filters = Json.MAPPER.createObjectNode().put("match", "and");
    filters.putArray("rules").addObject().put("field", field).put("operator", "is").put("value", value);
    return recordsUri(object) + "?rows_per_page=1000&filters=" + URLEncoder.encode(filters.toString(), StandardCharsets.UTF_8);
  }

  /** One attempt of a call, told how the attempt before it failed (null for the first). */
  interface Call<T> {
    T run(Throwable lastFailure) throws IOException;
  }

  interface SimpleCall<T> {
    T run() throws IOException;
  }

  private <T> T call(String object, SimpleCall<T> call) {
    return call(object, lastFailure -> call.run());
  }

  private <T> T call(String object, Call<T> call) {
    try {
      return Failsafe.with(retries)
          .get(
              context -> {
                acquirePermit();
                return call.run(context.getLastException());
              });
    } catch (FailsafeException wrapped) {
      Throwable cause = wrapped.getCause();
      throw new KnackException(
          "Knack app " + app.name() + ", " + object + ": " + cause.getClass().getSimpleName() + ": " + cause.getMessage(),
          0,
          0);
    }
  }

  private void acquirePermit() {
    try {
      limiter.acquirePermit();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the Knack rate limiter", e);
    }
  }

  private JsonNode get(String object, String uri) throws IOException {
    return exchange(object, request(uri).GET().build());
  }

  private JsonNode send(String object, String method, String uri, ObjectNode record) throws IOException {
    HttpRequest request =
        request(uri)
            .header("Content-Type", "application/json")
            .method(method, HttpRequest.BodyPublishers.ofString(record.toString(), StandardCharsets.UTF_8))
            .build();
    return exchange(object, request);
  }

  private HttpRequest.Builder request(String uri) {
    return HttpRequest.newBuilder(URI.create(uri))
        .timeout(app.timeout())
        .header("X-Knack-Application-Id", app.appId())
        .header("X-Knack-REST-API-Key", app.apiKey());
  }

  private JsonNode exchange(String object, HttpRequest request) throws IOException {
    HttpResponse<String> response =
        BoundedExchange.send(http, request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8), app.timeout());
    int status = response.statusCode();
    if (status >= 200 && status < 300) {
      return Json.MAPPER.readTree(response.body());
    }
    long reset = response.headers().firstValueAsLong("X-RateLimit-Reset").orElse(0);
    throw new KnackException(
        "Knack app " + app.name() + ", " + object + ": HTTP " + status + " " + reason(response.body()), status, reset);
  }

  private static String reason(String body) {
    try {
      JsonNode json = Json.MAPPER.readTree(body);
      JsonNode errors = json.path("errors");
      if (errors.isArray() && !errors.isEmpty()) {
        return errors.get(0).path("message").asText(errors.get(0).toString());
      }
      return json.path("message").asText(body);
    } catch (IOException notJson) {
      return body.length() > 200 ? body.substring(0, 200) : body;
    }
  }

  private String recordsUri(String object) {
    return app.apiUrl().toString().replaceAll("/+$", "") + "/objects/" + object + "/records";
  }

  private static List<ObjectNode> objects(JsonNode array) {
    List<ObjectNode> records = new ArrayList<>();
    if (array instanceof ArrayNode) {
      array.forEach(record -> records.add((ObjectNode) record));
    }
    return records;
  }

  private static boolean isRetryable(Throwable failure) {
    if (failure instanceof KnackException knack) {
      return knack.retryable();
    }
    return failure instanceof IOException; // a timeout or a reset connection
  }

  /** A timeout, a reset connection or a server error: the server may have applied the request. */
  private static boolean mayHaveBeenApplied(Throwable failure) {
    return failure instanceof IOException || (failure instanceof KnackException knack && knack.status() >= 500);
  }

  /** After a 429, wait until the reset second its headers name; otherwise the backoff applies. */
  private static Duration untilReset(Throwable failure) {
    if (failure instanceof KnackException knack && knack.status() == 429 && knack.retryAtEpochSecond() > 0) {
      long waitMillis = knack.retryAtEpochSecond() * 1000 - System.currentTimeMillis();
      return Duration.ofMillis(Math.max(50, Math.min(waitMillis, 60_000)));
    }
    return Duration.ofMillis(-1); // negative: use the backoff
  }
}
