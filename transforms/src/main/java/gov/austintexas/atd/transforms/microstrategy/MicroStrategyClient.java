package gov.austintexas.atd.transforms.microstrategy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import gov.austintexas.atd.transforms.http.BoundedExchange;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The MicroStrategy REST API calls the report reader needs: login, report instance creation (the
 * first page), later pages, logout. One call, one try: retries and session renewal are the {@link
 * ReportReader}'s. Every call has a time limit that covers the whole exchange, body included,
 * because a stalled body is how the old client hung.
 */
public final class MicroStrategyClient implements AutoCloseable {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

  private final MicroStrategyConfig config;
  private final ExecutorService executor;
  private final HttpClient http;

  public MicroStrategyClient(MicroStrategyConfig config) {
    this.config = config;
    this.executor =
        Executors.newCachedThreadPool(
            runnable -> {
              Thread thread = new Thread(runnable, "microstrategy-http");
              thread.setDaemon(true);
              return thread;
            });
    this.http =
        HttpClient.newBuilder()
            .executor(executor)
            .connectTimeout(config.requestTimeout())
            // HTTP/1.1: no h2c upgrade attempt on plain http; parallel pages use a connection each.
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  /** Standard login (loginMode 1): the auth token from the header, the session from the cookies. */
  public Session login() throws IOException {
    ObjectNode body = JSON.createObjectNode();
    body.put("username", config.username());
    body.put("password", config.password());
    body.put("loginMode", 1);
    HttpRequest request =
        request("/api/auth/login")
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
            .build();
    HttpResponse<byte[]> response = send(request);
    if (response.statusCode() == 401) {
      JsonNode error = errorBody(response);
      throw new MicroStrategyException.LoginRefused(
          "MicroStrategy refused the login of user '"
              + config.username()
              + "' at "
              + config.baseUrl()
              + " ("
              + describe(response.statusCode(), error)
              + "); check the user name and password",
          error.path("code").asText(null));
    }
    requireSuccess("login", response);
    String token = response.headers().firstValue("X-MSTR-AuthToken").orElse(null);
    if (token == null) {
      throw new MicroStrategyException(
          "the login answer has no X-MSTR-AuthToken header", response.statusCode(), null);
    }
    return new Session(token, cookies(response.headers()));
  }

  /** Runs the report: a new instance, answered with its first page from {@code offset}. */
  public InstancePage createInstance(Session session, String reportId, long offset, int limit)
      throws IOException {
    HttpRequest request =
        sessionRequest(
                session,
                "/api/v2/reports/" + encode(reportId) + "/instances" + paging(offset, limit))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString("{}"))
            .build();
    HttpResponse<byte[]> response = send(request);
    requireSuccess("running report " + reportId, response);
    return GridDecoder.decode(JSON.readTree(response.body()), null, page(reportId, offset, limit));
  }

  /** A later page of an instance. */
  public InstancePage page(
      Session session, String reportId, String instanceId, long offset, int limit)
      throws IOException {
    HttpRequest request =
        sessionRequest(
                session,
                "/api/v2/reports/"
                    + encode(reportId)
                    + "/instances/"
                    + encode(instanceId)
                    + paging(offset, limit))
            .GET()
            .build();
    HttpResponse<byte[]> response = send(request);
    requireSuccess("reading report " + reportId + " from row " + offset, response);
    return GridDecoder.decode(
        JSON.readTree(response.body()), instanceId, page(reportId, offset, limit));
  }

  public void logout(Session session) throws IOException {
    HttpRequest request =
        sessionRequest(session, "/api/auth/logout")
            .POST(HttpRequest.BodyPublishers.noBody())
            .build();
    requireSuccess("logout", send(request));
  }

  @Override
  public void close() {
    // Java 17's HttpClient has no close(); ending its executor ends its threads.
    executor.shutdownNow();
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create(config.baseUrl() + path))
        .timeout(config.requestTimeout())
        .header("Accept", "application/json");
  }

  private HttpRequest.Builder sessionRequest(Session session, String path) {
    HttpRequest.Builder builder =
        request(path)
            .header("X-MSTR-AuthToken", session.authToken())
            .header("X-MSTR-ProjectID", config.projectId());
    if (!session.cookieHeader().isEmpty()) {
      builder.header("Cookie", session.cookieHeader());
    }
    return builder;
  }

  private HttpResponse<byte[]> send(HttpRequest request) throws IOException {
    return BoundedExchange.send(
        http, request, HttpResponse.BodyHandlers.ofByteArray(), config.requestTimeout());
  }

  private static void requireSuccess(String what, HttpResponse<byte[]> response) {
    int status = response.statusCode();
    if (status >= 200 && status < 300) {
      return;
    }
    JsonNode error = errorBody(response);
    String message = "MicroStrategy " + what + " failed: " + describe(status, error);
    String code = error.path("code").asText(null);
    if (status == 401) {
      throw new MicroStrategyException.SessionExpired(message, code);
    }
    throw new MicroStrategyException(message, status, code);
  }

  private static JsonNode errorBody(HttpResponse<byte[]> response) {
    try {
      JsonNode body = JSON.readTree(response.body());
      return body == null ? JSON.createObjectNode() : body;
    } catch (IOException notJson) {
      return JSON.createObjectNode();
    }
  }

  private static String describe(int status, JsonNode error) {
    StringBuilder text = new StringBuilder("HTTP ").append(status);
    if (error.hasNonNull("code")) {
      text.append(' ').append(error.get("code").asText());
    }
    if (error.hasNonNull("message")) {
      text.append(": ").append(error.get("message").asText());
    }
    if (error.hasNonNull("ticketId")) {
      text.append(" (ticket ").append(error.get("ticketId").asText()).append(')');
    }
    return text.toString();
  }

  /** {@code name=value} of each Set-Cookie, for the Cookie header of later calls. */
  private static String cookies(HttpHeaders headers) {
    List<String> pairs = new ArrayList<>();
    for (String setCookie : headers.allValues("Set-Cookie")) {
      String pair = setCookie.split(";", 2)[0].strip();
      if (pair.contains("=")) {
        pairs.add(pair);
      }
    }
    return String.join("; ", pairs);
  }

  /** How errors name a page: {@code report R, page 3 (rows from 2000)}. */
  static String page(String reportId, long offset, int limit) {
    return "report " + reportId + ", page " + (offset / limit + 1) + " (rows from " + offset + ")";
  }

  private static String paging(long offset, int limit) {
    return "?offset=" + offset + "&limit=" + limit;
  }

  private static String encode(String pathPart) {
    return URLEncoder.encode(pathPart, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
