package gov.austintexas.atd.transforms.knack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeException;
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
import java.util.Collection;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The Knack records API (v1) for one app: list, find by keys, create, update, delete. Every call is
 * bounded in time from request to last body byte ({@link BoundedExchange}), waits for this client's
 * {@link RequestWindow} (the app's requests per second, counted as Knack could count them), and is
 * retried: a 429 after the reset time its headers name, a 5xx, timeout or reset connection with
 * exponential backoff. 400, 401, 403 and 404 fail at once with a message naming the app and the
 * object.
 *
 * <p>The window belongs to the client, and so to the one DoFn instance that holds it: {@link
 * KnackIO} sends all of a run's requests to an app from one element of one step at a time (the
 * read, then the writes), so one client's limiter is the app's limit on any runner, with no
 * JVM-wide state. Not serializable: DoFns create it in {@code @Setup}.
 */
public class KnackClient {
  private final KnackApp app;
  private final HttpClient http;
  private final RequestWindow window;
  private final RetryPolicy<Object> retries;

  public KnackClient(KnackApp app) {
    this.app = app;
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(app.timeout())
            .build();
    this.window = newWindow(app);
    this.retries =
        RetryPolicy.builder()
            .handleIf(KnackClient::isRetryable)
            .withBackoff(app.initialBackoff(), Duration.ofSeconds(30).plus(app.initialBackoff()))
            .withDelayFnOn(context -> untilReset(context.getLastException()), KnackException.class)
            .withMaxRetries(app.maxRetries())
            .build();
  }

  /**
   * The app's rate as a whole number of requests per window: 10/s is 10 in 1 s, 2.5/s is 2 in 0.8
   * s.
   */
  private static RequestWindow newWindow(KnackApp app) {
    int limit = (int) Math.max(1, Math.floor(app.requestsPerSecond()));
    return new RequestWindow(limit, (long) (limit * 1e9 / app.requestsPerSecond()));
  }

  /**
   * Counts the window as full, so the first request waits one window (a second at most). A step
   * calls this as it starts its requests: the step before it (the read, before the writes) may have
   * sent its last requests a moment ago from another client.
   */
  public void startPacing() {
    window.fill();
  }

  /** One page of an object's records. */
  public record Page(int totalPages, int totalRecords, List<ObjectNode> records) {}

  /**
   * One page, as Knack answered it. A 200 without {@code records} or {@code total_pages} is not a
   * page: it fails here, since treating it as an empty one would plan the missing records as
   * creates.
   */
  public Page listRecords(String object, int page, int rowsPerPage) {
    JsonNode body =
        call(
            object,
            () ->
                get(
                    object,
                    recordsUri(object) + "?page=" + page + "&rows_per_page=" + rowsPerPage));
    for (String part : List.of("records", "total_pages")) {
      boolean valid =
          part.equals("records") ? body.path(part).isArray() : body.path(part).canConvertToInt();
      if (!valid) {
        throw new KnackException(
            "Knack app "
                + app.name()
                + ", "
                + object
                + ": page "
                + page
                + " was answered 200 without \""
                + part
                + "\" ("
                + abbreviate(body.toString())
                + "); stopping before any write rather than planning from an"
                + " incomplete read",
            0,
            0);
      }
    }
    return new Page(
        body.path("total_pages").asInt(),
        body.path("total_records").asInt(),
        objects(body.path("records")));
  }

  /**
   * The records whose {@code field} is one of {@code values}: one list call with an {@code "or"}
   * filter of one {@code is} rule per value, which Knack answers with every record that matches
   * any.
   */
  public List<ObjectNode> findByKeys(String object, String field, Collection<String> values) {
    return call(object, () -> findOnce(object, field, values));
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
            List<ObjectNode> existing = findOnce(object, keyField, List.of(keyValue));
            if (!existing.isEmpty()) {
              return existing.get(0);
            }
          }
          return (ObjectNode) send(object, "POST", recordsUri(object), record);
        });
  }

  public ObjectNode update(String object, String id, ObjectNode record) {
    return call(
        object, () -> (ObjectNode) send(object, "PUT", recordsUri(object) + "/" + id, record));
  }

  public void delete(String object, String id) {
    call(object, () -> exchange(object, request(recordsUri(object) + "/" + id).DELETE().build()));
  }

  /** One lookup, without retries (the caller's attempt is being retried already). */
  private List<ObjectNode> findOnce(String object, String field, Collection<String> values)
      throws IOException {
    ObjectNode filters = Json.MAPPER.createObjectNode().put("match", "or");
    ArrayNode rules = filters.putArray("rules");
    values.forEach(
        value -> rules.addObject().put("field", field).put("operator", "is").put("value", value));
    JsonNode body =
        get(
            object,
            recordsUri(object)
                + "?rows_per_page=1000&filters="
                + URLEncoder.encode(filters.toString(), StandardCharsets.UTF_8));
    if (body.path("total_pages").asInt(1) > 1) {
      throw new KnackException(
          "Knack app "
              + app.name()
              + ", "
              + object
              + ": a lookup of "
              + values.size()
              + " keys matched "
              + body.path("total_records").asInt()
              + " records, more than one page",
          0,
          0);
    }
    return objects(body.path("records"));
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
      return Failsafe.with(retries).get(context -> call.run(context.getLastException()));
    } catch (FailsafeException wrapped) {
      Throwable cause = wrapped.getCause();
      throw new KnackException(
          "Knack app "
              + app.name()
              + ", "
              + object
              + ": "
              + cause.getClass().getSimpleName()
              + ": "
              + cause.getMessage(),
          0,
          0);
    }
  }

  /**
   * Every request goes through here, so through the window, from before it is sent until its answer
   * is read.
   */
  private HttpResponse<String> sendInWindow(HttpRequest request) throws IOException {
    try {
      window.acquire();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the Knack rate limit", e);
    }
    try {
      return BoundedExchange.send(
          http, request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8), app.timeout());
    } finally {
      window.release();
    }
  }

  private JsonNode get(String object, String uri) throws IOException {
    return exchange(object, request(uri).GET().build());
  }

  private JsonNode send(String object, String method, String uri, ObjectNode record)
      throws IOException {
    HttpRequest request =
        request(uri)
            .header("Content-Type", "application/json")
            .method(
                method,
                HttpRequest.BodyPublishers.ofString(record.toString(), StandardCharsets.UTF_8))
            .build();
    return exchange(object, request);
  }

  private HttpRequest.Builder request(String uri) {
    return HttpRequest.newBuilder(URI.create(uri))
        .header("X-Knack-Application-Id", app.appId())
        .header("X-Knack-REST-API-Key", app.apiKey());
  }

  private JsonNode exchange(String object, HttpRequest request) throws IOException {
    HttpResponse<String> response = sendInWindow(request);
    int status = response.statusCode();
    if (status >= 200 && status < 300) {
      return Json.MAPPER.readTree(response.body());
    }
    long reset = response.headers().firstValueAsLong("X-RateLimit-Reset").orElse(0);
    throw new KnackException(
        "Knack app "
            + app.name()
            + ", "
            + object
            + ": HTTP "
            + status
            + " "
            + reason(response.body()),
        status,
        reset);
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
      return abbreviate(body);
    }
  }

  private static String abbreviate(String text) {
    return text.length() > 200 ? text.substring(0, 200) + "…" : text;
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
    return failure instanceof IOException
        || (failure instanceof KnackException knack && knack.status() >= 500);
  }

  /** After a 429, wait until the reset second its headers name; otherwise the backoff applies. */
  private static Duration untilReset(Throwable failure) {
    if (failure instanceof KnackException knack
        && knack.status() == 429
        && knack.retryAtEpochSecond() > 0) {
      long waitMillis = knack.retryAtEpochSecond() * 1000 - System.currentTimeMillis();
      return Duration.ofMillis(Math.max(50, Math.min(waitMillis, 60_000)));
    }
    return Duration.ofMillis(-1); // negative: use the backoff
  }
}
