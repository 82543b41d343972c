package gov.austintexas.atd.transforms.socrata;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeException;
import dev.failsafe.RetryPolicy;
import gov.austintexas.atd.transforms.http.BoundedExchange;
import gov.austintexas.atd.transforms.json.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The SODA 2.1 publishing API of one portal: upsert (POST), read every row of a dataset, its
 * columns and row identifier, and the Dataset Management API calls of a replace ({@link #dsmapi},
 * driven by {@link RevisionReplace}). Every call has a timeout and is retried with backoff when it
 * timed out, lost its connection, or was answered 202 (accepted, not done), 429 (after the {@code
 * Retry-After} it names, if any) or 5xx. 400, 401, 403, 404 and 413 fail at once with a {@link
 * SocrataException} naming the dataset, the status, Socrata's message and the request id.
 *
 * <p>An upsert that failed with a 5xx may still have been applied; sending it again is harmless
 * when the dataset has a row identifier (the rows are updated, not created twice). Without one,
 * every upserted row is a new row, so a retried chunk can land twice.
 *
 * <p>Not serializable: DoFns create it in {@code @Setup}. The token and secret go only into request
 * headers, never into a message.
 */
public class SocrataClient {
  private final SocrataConnection connection;
  private final HttpClient http;
  private final RetryPolicy<Object> retries;
  private final String authorization;

  public SocrataClient(SocrataConnection connection) {
    this.connection = connection;
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(connection.timeout())
            .build();
    Duration initial = connection.initialBackoff();
    Duration max =
        connection.maxBackoff().compareTo(initial) > 0
            ? connection.maxBackoff()
            : initial.plusMillis(1);
    this.retries =
        RetryPolicy.builder()
            .handleIf(SocrataClient::isRetryable)
            .withBackoff(initial, max)
            .withDelayFnOn(
                context -> retryAfter(context.getLastException()), SocrataException.class)
            .withMaxRetries(connection.maxRetries())
            .build();
    this.authorization =
        connection.user() == null
            ? null
            : "Basic "
                + Base64.getEncoder()
                    .encodeToString(
                        (connection.user() + ":" + connection.secret())
                            .getBytes(StandardCharsets.UTF_8));
  }

  /** Upserts the rows in one request; returns Socrata's counts. */
  public SocrataCounts upsert(String datasetId, List<ObjectNode> rows) {
    return SocrataCounts.fromResponse(
        call(datasetId, "upsert", () -> send(datasetId, "POST", rows)));
  }

  /**
   * Every row of the dataset, in Socrata's row order ({@code $order=:id}), page by page, as a
   * reader of the portal sees them.
   */
  public List<ObjectNode> readAll(String datasetId) {
    int limit = connection.readPageSize();
    List<ObjectNode> rows = new ArrayList<>();
    for (int offset = 0; ; offset += limit) {
      String query = "?$limit=" + limit + "&$offset=" + offset + "&$order=:id";
      JsonNode page = call(datasetId, "read", () -> get(resourceUri(datasetId) + query));
      page.forEach(row -> rows.add((ObjectNode) row));
      if (page.size() < limit) {
        return rows;
      }
    }
  }

  /**
   * A dataset's columns as its metadata ({@code /api/views/{id}.json}) gives them: the field names
   * in column order, normalized with {@link FieldNames}, and the row identifier's, if it has one.
   */
  public record Schema(List<String> fieldNames, Optional<String> rowIdentifier) {}

  /** The dataset's field names and row identifier, from its metadata. */
  public Schema schema(String datasetId) {
    String uri = connection.baseUrl() + "/api/views/" + datasetId + ".json";
    JsonNode view = call(datasetId, "metadata", () -> get(uri));
    JsonNode id = view.path("rowIdentifierColumnId");
    List<String> fieldNames = new ArrayList<>();
    Optional<String> rowIdentifier = Optional.empty();
    for (JsonNode column : view.path("columns")) {
      String fieldName = FieldNames.normalize(column.path("fieldName").asText());
      fieldNames.add(fieldName);
      if (!id.isMissingNode() && !id.isNull() && column.path("id").asText().equals(id.asText())) {
        rowIdentifier = Optional.of(fieldName);
      }
    }
    return new Schema(List.copyOf(fieldNames), rowIdentifier);
  }

  /** The field name of the dataset's row identifier, from its metadata; empty when it has none. */
  public Optional<String> rowIdentifier(String datasetId) {
    return schema(datasetId).rowIdentifier();
  }

  /**
   * The dataset's row identifier, or a {@link SocrataException} saying why it cannot be upserted:
   * without a row identifier every upserted row is a new row
   * (dev.socrata.com/publishers/soda-producer /upsert: upsert matches rows "using their row
   * identifiers"), so a retried chunk or a second run would append the rows again.
   */
  public String requireRowIdentifier(String datasetId) {
    return rowIdentifier(datasetId)
        .orElseThrow(() -> new SocrataException(noRowIdentifier(datasetId), 0, -1));
  }

  /** Why a dataset without a row identifier is not upserted; nothing was sent to it. */
  public static String noRowIdentifier(String datasetId) {
    return "refused to upsert to dataset "
        + datasetId
        + ": its metadata names no row identifier, so every upserted row would be a new row and"
        + " each run (or a retried chunk) would append the rows again; nothing was sent (set a row"
        + " identifier on the dataset, or replace it instead)";
  }

  /**
   * One Dataset Management API call ({@code /api/publishing/v1/...}), timed out and retried like
   * every other call: {@code path} is a link from an earlier answer (or the documented start, the
   * revision collection), resolved against the portal; {@code body} goes with {@code contentType},
   * or no body when null. Returns the answer's JSON ({@code {"resource":...,"links":...}}).
   */
  JsonNode dsmapi(
      String datasetId,
      String operation,
      String method,
      String path,
      byte[] body,
      String contentType) {
    return call(
        datasetId,
        operation,
        () -> {
          HttpRequest.Builder request = request(connection.baseUrl() + path);
          if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
          } else {
            request
                .header("Content-Type", contentType)
                .method(method, HttpRequest.BodyPublishers.ofByteArray(body));
          }
          return exchange(request.build());
        });
  }

  interface Attempt {
    JsonNode run() throws IOException;
  }

  private JsonNode call(String datasetId, String operation, Attempt attempt) {
    AtomicInteger attempts = new AtomicInteger();
    try {
      return Failsafe.with(retries)
          .get(
              () -> {
                attempts.incrementAndGet();
                return attempt.run();
              });
    } catch (SocrataException failure) {
      String gaveUp = attempts.get() > 1 ? " (gave up after " + attempts.get() + " attempts)" : "";
      throw new SocrataException(
          "Socrata dataset " + datasetId + ", " + operation + ": " + failure.getMessage() + gaveUp,
          failure.status(),
          failure.retryAfterSeconds());
    } catch (FailsafeException wrapped) {
      Throwable cause = wrapped.getCause() == null ? wrapped : wrapped.getCause();
      throw new SocrataException(
          "Socrata dataset "
              + datasetId
              + ", "
              + operation
              + ": "
              + cause.getClass().getSimpleName()
              + ": "
              + cause.getMessage()
              + " (gave up after "
              + attempts.get()
              + " attempts)",
          0,
          -1);
    }
  }

  private JsonNode get(String uri) throws IOException {
    return exchange(request(uri).GET().build());
  }

  private JsonNode send(String datasetId, String method, List<ObjectNode> rows) throws IOException {
    HttpRequest request =
        request(resourceUri(datasetId))
            .header("Content-Type", "application/json; charset=utf-8")
            .method(
                method, HttpRequest.BodyPublishers.ofByteArray(Json.MAPPER.writeValueAsBytes(rows)))
            .build();
    return exchange(request);
  }

  private HttpRequest.Builder request(String uri) {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(URI.create(uri)).timeout(connection.timeout());
    if (connection.appToken() != null) {
      builder.header("X-App-Token", connection.appToken());
    }
    if (authorization != null) {
      builder.header("Authorization", authorization);
    }
    return builder;
  }

  /** The body of a 200; any other status is a {@link SocrataException} (202 included: not done). */
  private JsonNode exchange(HttpRequest request) throws IOException {
    HttpResponse<String> response =
        BoundedExchange.send(
            http,
            request,
            HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8),
            connection.timeout());
    int status = response.statusCode();
    if (status == 200 || status == 201 || status == 204) {
      return Json.MAPPER.readTree(response.body());
    }
    String requestId = response.headers().firstValue("X-Socrata-RequestId").orElse("none");
    long retryAfter =
        response.headers().firstValue("Retry-After").map(SocrataClient::seconds).orElse(-1L);
    throw new SocrataException(
        "HTTP "
            + status
            + " "
            + message(status, response.body())
            + " (X-Socrata-RequestId "
            + requestId
            + ")",
        status,
        retryAfter);
  }

  private static long seconds(String retryAfter) {
    try {
      return Long.parseLong(retryAfter.strip());
    } catch (NumberFormatException httpDate) {
      return -1; // an HTTP date: the backoff applies
    }
  }

  /** Socrata's {@code message}, else the start of the body. */
  private static String message(int status, String body) {
    if (status == 202) {
      return "accepted but not yet processed";
    }
    try {
      JsonNode json = Json.MAPPER.readTree(body);
      if (json != null && json.hasNonNull("message")) {
        return json.get("message").asText();
      }
    } catch (IOException notJson) {
      // fall through to the raw text
    }
    String text = body == null ? "" : body.strip();
    return text.length() > 200 ? text.substring(0, 200) + "…" : text;
  }

  private String resourceUri(String datasetId) {
    return connection.baseUrl() + "/resource/" + datasetId + ".json";
  }

  private static boolean isRetryable(Throwable failure) {
    if (failure instanceof SocrataException socrata) {
      return socrata.retryable();
    }
    return failure instanceof IOException; // a timeout or a reset connection
  }

  /** After a 429 with {@code Retry-After}, wait what it says (at most 5 minutes); else back off. */
  private static Duration retryAfter(Throwable failure) {
    if (failure instanceof SocrataException socrata
        && socrata.status() == 429
        && socrata.retryAfterSeconds() >= 0) {
      return Duration.ofSeconds(Math.min(socrata.retryAfterSeconds(), 300));
    }
    return Duration.ofMillis(-1); // negative: use the backoff
  }
}
