package gov.austintexas.atd.standins.microstrategy;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stand-in for the MicroStrategy REST API, for tests, the demo and the sandbox: a real HTTP
 * server on 127.0.0.1 (a free port) that keeps sessions and report instances and serves reports
 * from {@link ReportFixture}s.
 *
 * <ul>
 *   <li>{@code POST /api/auth/login} (JSON or form body) → 204 with {@code X-MSTR-AuthToken} and a
 *       {@code JSESSIONID} cookie; wrong credentials → 401 {@code ERR003}.
 *   <li>Every other call needs both; project calls also need {@code X-MSTR-ProjectID}. An unknown
 *       or expired session → 401 {@code ERR009}.
 *   <li>{@code POST /api/v2/reports/{id}/instances?offset&limit} → an instance and its first page;
 *       {@code GET .../instances/{instanceId}?offset&limit} → later pages. Element indexes point
 *       into the element lists of the same answer, as the real server's do.
 *   <li>{@code POST /api/auth/logout} → 204.
 * </ul>
 *
 * Faults can be injected: a page that fails once with a 500, a connection dropped half-way through
 * a page, a page that stalls, sessions that expire after a number of calls or at a page, and
 * answers whose grid does not add up ({@link GridFault}).
 *
 * <p>A report instance belongs to the session that created it: asked for in another session (after
 * a re-login) it is 404 {@code ERR004}. The Library server keeps instances in the user's
 * Intelligence Server session, which ends when the session expires; mstrio-py likewise runs the
 * report again after a re-login instead of reusing an instance id.
 */
public final class MicroStrategyEmulator implements AutoCloseable {
  public static final String CONTEXT = "/MicroStrategyLibrary";

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);
  private static final Pattern INSTANCES = Pattern.compile("/api/v2/reports/([^/]+)/instances");
  private static final Pattern INSTANCE =
      Pattern.compile("/api/v2/reports/([^/]+)/instances/([^/]+)");

  private final String username;
  private final String password;
  private final String projectId;
  private final Map<String, ReportFixture> reports = new HashMap<>();
  private final Map<String, SessionState> sessions = new HashMap<>();
  private final Map<String, InstanceState> instances = new HashMap<>();
  private final Map<Long, Integer> failingPages = new HashMap<>();
  private final Map<Long, Integer> droppedPages = new HashMap<>();
  private final Map<Long, Duration> stalledPages = new HashMap<>();
  private final Map<Long, GridFault> gridFaults = new HashMap<>();
  private final Map<Long, Integer> expiringPages = new HashMap<>();
  private final List<String> requests = new ArrayList<>();
  private Integer callsPerSession;
  private int logins;
  private int logouts;

  private final ExecutorService executor;
  private final HttpServer server;

  private static final class SessionState {
    final String cookie;
    int calls;

    SessionState(String cookie) {
      this.cookie = cookie;
    }
  }

  private record InstanceState(String reportId, String token) {}

  private MicroStrategyEmulator(String username, String password, String projectId)
      throws IOException {
    this.username = username;
    this.password = password;
    this.projectId = projectId;
    this.executor =
        Executors.newCachedThreadPool(
            runnable -> {
              Thread thread = new Thread(runnable, "microstrategy-emulator");
              thread.setDaemon(true);
              return thread;
            });
    this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(executor);
    server.createContext(CONTEXT + "/api/", this::handle);
    server.start();
  }

  /** Starts an emulator that accepts one user in one project. */
  public static MicroStrategyEmulator start(String username, String password, String projectId)
      throws IOException {
    return new MicroStrategyEmulator(username, password, projectId);
  }

  /** {@code http://127.0.0.1:port/MicroStrategyLibrary}: the client's base URL. */
  public String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + CONTEXT;
  }

  public synchronized MicroStrategyEmulator withReport(String reportId, ReportFixture fixture) {
    reports.put(reportId, fixture);
    return this;
  }

  /** The next request for the page at {@code offset} answers 500 {@code ERR001}. */
  public synchronized void failPageOnce(long offset) {
    failingPages.merge(offset, 1, Integer::sum);
  }

  /** The next answer for the page at {@code offset} stops half-way and the connection closes. */
  public synchronized void dropConnectionOnce(long offset) {
    droppedPages.merge(offset, 1, Integer::sum);
  }

  /** The next request for the page at {@code offset} waits this long before it is answered. */
  public synchronized void stallPageOnce(long offset, Duration stall) {
    stalledPages.put(offset, stall);
  }

  /**
   * Ways a page's grid can fail to add up. The answer's shape is the REST API's report instance
   * answer (mstrio-py reads {@code data.paging.total} from the first answer and fetches the rest by
   * offset): each fault breaks one of the rules a reader relies on, as a server-side bug, a report
   * edited mid-read or a truncating proxy would.
   */
  public enum GridFault {
    /** One metric row fewer than header rows. */
    FEWER_METRIC_ROWS,
    /** The first header row lacks its last element index. */
    SHORT_ROW,
    /** The first header row points past its attribute's element list. */
    ELEMENT_OUT_OF_RANGE,
    /** {@code data.paging} without {@code total}. */
    NO_TOTAL,
    /** {@code data.paging.total} one more than the report's rows (the report changed). */
    TOTAL_CHANGED,
    /** One row more than the report has (its last row again), beyond the total. */
    ROW_BEYOND_TOTAL
  }

  /** The next answer for the page at {@code offset} (0: the instance creation) has this fault. */
  public synchronized void corruptPageOnce(long offset, GridFault fault) {
    gridFaults.put(offset, fault);
  }

  /**
   * The next request for the page at {@code offset} finds its session expired (401, session ended).
   */
  public synchronized void expireSessionAtPage(long offset) {
    expiringPages.merge(offset, 1, Integer::sum);
  }

  /** Sessions expire after this many calls each (login not counted; logout always allowed). */
  public synchronized void expireSessionsAfter(int calls) {
    callsPerSession = calls;
  }

  public synchronized int openSessions() {
    return sessions.size();
  }

  public synchronized int logins() {
    return logins;
  }

  public synchronized int logouts() {
    return logouts;
  }

  /** Every request so far, as {@code METHOD /path?query -> status}. */
  public synchronized List<String> requests() {
    return List.copyOf(requests);
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  private void handle(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getPath().substring(CONTEXT.length());
    String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
    Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
    String line =
        method
            + " "
            + path
            + (exchange.getRequestURI().getRawQuery() == null
                ? ""
                : "?" + exchange.getRequestURI().getRawQuery());
    try (exchange) {
      Answer answer = answer(exchange, method, path, query);
      synchronized (this) {
        requests.add(
            line
                + " -> "
                + answer.status
                + (answer.fault == null ? "" : " (" + answer.fault + ")"));
      }
      send(exchange, answer);
    } catch (RuntimeException | IOException e) {
      synchronized (this) {
        requests.add(line + " -> failed: " + e);
      }
    }
  }

  /** An answer, and how it should go wrong. */
  private record Answer(
      int status, Map<String, String> headers, byte[] body, String fault, Duration stall) {
    static Answer json(int status, JsonNode body) {
      try {
        return new Answer(
            status,
            Map.of("Content-Type", "application/json"),
            JSON.writeValueAsBytes(body),
            null,
            null);
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    }

    static Answer empty(int status, Map<String, String> headers) {
      return new Answer(status, headers, null, null, null);
    }

    Answer with(String fault, Duration stall) {
      return new Answer(status, headers, body, fault, stall);
    }
  }

  private synchronized Answer answer(
      HttpExchange exchange, String method, String path, Map<String, String> query)
      throws IOException {
    if (method.equals("POST") && path.equals("/api/auth/login")) {
      return login(exchange);
    }
    String token = exchange.getRequestHeaders().getFirst("X-MSTR-AuthToken");
    SessionState session = token == null ? null : sessions.get(token);
    if (session == null || !hasCookie(exchange, session.cookie)) {
      return error(401, "ERR009", "The user's session has expired, please reauthenticate");
    }
    if (method.equals("POST") && path.equals("/api/auth/logout")) {
      sessions.remove(token);
      instances.values().removeIf(instance -> instance.token.equals(token));
      logouts++;
      return Answer.empty(204, Map.of());
    }
    session.calls++;
    if ((callsPerSession != null && session.calls > callsPerSession)
        || (path.startsWith("/api/v2/reports/")
            && take(expiringPages, number(query, "offset", 0)))) {
      sessions.remove(token);
      instances.values().removeIf(instance -> instance.token.equals(token));
      return error(401, "ERR009", "The user's session has expired, please reauthenticate");
    }
    if (!projectId.equals(exchange.getRequestHeaders().getFirst("X-MSTR-ProjectID"))) {
      return error(400, "ERR006", "X-MSTR-ProjectID is missing or names no project of this server");
    }
    Matcher create = INSTANCES.matcher(path);
    if (method.equals("POST") && create.matches()) {
      ReportFixture report = reports.get(create.group(1));
      if (report == null) {
        return error(404, "ERR004", "Report " + create.group(1) + " was not found");
      }
      String instanceId = hex();
      instances.put(instanceId, new InstanceState(create.group(1), token));
      return page(report, instanceId, query);
    }
    Matcher page = INSTANCE.matcher(path);
    if (method.equals("GET") && page.matches()) {
      InstanceState instance = instances.get(page.group(2));
      if (instance == null
          || !instance.token.equals(token)
          || !instance.reportId.equals(page.group(1))) {
        return error(
            404, "ERR004", "Report instance " + page.group(2) + " was not found in this session");
      }
      long offset = number(query, "offset", 0);
      if (take(failingPages, offset)) {
        return error(500, "ERR001", "Internal server error (injected fault)").with("failed", null);
      }
      Answer answer = page(reports.get(instance.reportId), page.group(2), query);
      if (take(droppedPages, offset)) {
        return answer.with("dropped", null);
      }
      Duration stall = stalledPages.remove(offset);
      return stall == null ? answer : answer.with("stalled", stall);
    }
    return error(404, "ERR004", "No such endpoint: " + method + " " + path);
  }

  private Answer login(HttpExchange exchange) throws IOException {
    Map<String, String> form = credentials(exchange);
    if (!username.equals(form.get("username")) || !password.equals(form.get("password"))) {
      return error(401, "ERR003", "Login failure: wrong user name or password");
    }
    String token = hex().toLowerCase(Locale.ROOT);
    String cookie = hex();
    sessions.put(token, new SessionState(cookie));
    logins++;
    return Answer.empty(
        204,
        Map.of(
            "X-MSTR-AuthToken",
            token,
            "Set-Cookie",
            "JSESSIONID=" + cookie + "; Path=/MicroStrategyLibrary; HttpOnly"));
  }

  /**
   * The rows from {@code offset}, with the element lists of just those rows, as the real server
   * answers.
   */
  private Answer page(ReportFixture report, String instanceId, Map<String, String> query) {
    ObjectNode answer = grid(report, instanceId, query);
    GridFault fault = gridFaults.remove(number(query, "offset", 0));
    if (fault != null) {
      corrupt(answer, fault, report.rowCount());
    }
    return Answer.json(200, answer)
        .with(fault == null ? null : fault.name().toLowerCase(Locale.ROOT), null);
  }

  private static void corrupt(ObjectNode answer, GridFault fault, int rowCount) {
    ObjectNode data = (ObjectNode) answer.get("data");
    ArrayNode headers = (ArrayNode) data.get("headers").get("rows");
    ArrayNode raw = (ArrayNode) data.get("metricValues").get("raw");
    ObjectNode paging = (ObjectNode) data.get("paging");
    switch (fault) {
      case FEWER_METRIC_ROWS -> raw.remove(raw.size() - 1);
      case SHORT_ROW -> ((ArrayNode) headers.get(0)).remove(headers.get(0).size() - 1);
      case ELEMENT_OUT_OF_RANGE -> {
        JsonNode elements = answer.get("definition").get("grid").get("rows").get(0).get("elements");
        ((ArrayNode) headers.get(0)).set(0, elements.size());
      }
      case NO_TOTAL -> paging.remove("total");
      case TOTAL_CHANGED -> paging.put("total", rowCount + 1);
      case ROW_BEYOND_TOTAL -> {
        headers.add(headers.get(headers.size() - 1).deepCopy());
        raw.add(raw.get(raw.size() - 1).deepCopy());
        paging.put("current", headers.size());
      }
    }
  }

  private ObjectNode grid(ReportFixture report, String instanceId, Map<String, String> query) {
    long offset = number(query, "offset", 0);
    long limit = number(query, "limit", 5000);
    long end = Math.min(report.rowCount(), offset + limit);
    List<ReportFixture.Attribute> attributes = report.attributes();
    List<Map<List<String>, Integer>> elements = new ArrayList<>();
    attributes.forEach(attribute -> elements.add(new LinkedHashMap<>()));
    ArrayNode headerRows = JSON.createArrayNode();
    ArrayNode raw = JSON.createArrayNode();
    for (long r = offset; r < end; r++) {
      ReportFixture.Row row = report.row((int) r);
      ArrayNode indexes = headerRows.addArray();
      for (int a = 0; a < attributes.size(); a++) {
        Map<List<String>, Integer> known = elements.get(a);
        indexes.add(known.computeIfAbsent(row.attributeForms().get(a), forms -> known.size()));
      }
      ArrayNode values = raw.addArray();
      for (BigDecimal metric : row.metrics()) {
        if (metric == null) {
          values.addNull();
        } else {
          // The real server sends doubles: 1250.5, not 1250.50 (and never an exponent here).
          values.add(metric.stripTrailingZeros());
        }
      }
    }

    ObjectNode answer = JSON.createObjectNode();
    answer.put("instanceId", instanceId);
    answer.put("status", 1);
    ObjectNode grid = answer.putObject("definition").putObject("grid");
    ArrayNode gridRows = grid.putArray("rows");
    for (int a = 0; a < attributes.size(); a++) {
      ReportFixture.Attribute attribute = attributes.get(a);
      ObjectNode node = gridRows.addObject();
      node.put("name", attribute.name());
      node.put("id", id(attribute.name()));
      node.put("type", "attribute");
      ArrayNode forms = node.putArray("forms");
      for (String form : attribute.forms()) {
        forms.addObject().put("id", id(attribute.name() + "@" + form)).put("name", form);
      }
      ArrayNode list = node.putArray("elements");
      for (List<String> formValues : elements.get(a).keySet()) {
        ObjectNode element = list.addObject();
        element.put("id", "h" + String.join(";", formValues) + ";" + id(attribute.name()));
        ArrayNode valuesNode = element.putArray("formValues");
        formValues.forEach(valuesNode::add);
      }
    }
    ObjectNode metrics = grid.putArray("columns").addObject();
    metrics.put("name", "Metrics");
    metrics.put("type", "templateMetrics");
    ArrayNode metricElements = metrics.putArray("elements");
    for (String metric : report.metrics()) {
      metricElements.addObject().put("name", metric).put("id", id(metric));
    }
    ObjectNode data = answer.putObject("data");
    data.putObject("paging")
        .put("total", report.rowCount())
        .put("current", Math.max(0, end - offset))
        .put("offset", offset)
        .put("limit", limit);
    data.putObject("headers").set("rows", headerRows);
    data.putObject("metricValues").set("raw", raw);
    return answer;
  }

  private static void send(HttpExchange exchange, Answer answer) throws IOException {
    answer.headers.forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
    if (answer.stall != null) {
      try {
        Thread.sleep(answer.stall.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
    if (answer.body == null) {
      exchange.sendResponseHeaders(answer.status, -1);
      return;
    }
    exchange.sendResponseHeaders(answer.status, answer.body.length);
    OutputStream out = exchange.getResponseBody();
    if ("dropped".equals(answer.fault)) {
      // Half the promised body, then the connection closes: the client sees the body end early.
      out.write(answer.body, 0, answer.body.length / 2);
      out.flush();
      // Closing the exchange short of the promised length makes the server close the connection.
      return;
    }
    out.write(answer.body);
  }

  private static Answer error(int status, String code, String message) {
    ObjectNode body = JSON.createObjectNode();
    body.put("code", code);
    body.put("message", message);
    body.put("ticketId", hex().toLowerCase(Locale.ROOT));
    return Answer.json(status, body);
  }

  private static boolean take(Map<Long, Integer> faults, long offset) {
    Integer left = faults.get(offset);
    if (left == null) {
      return false;
    }
    if (left <= 1) {
      faults.remove(offset);
    } else {
      faults.put(offset, left - 1);
    }
    return true;
  }

  private static boolean hasCookie(HttpExchange exchange, String cookie) {
    for (String header : exchange.getRequestHeaders().getOrDefault("Cookie", List.of())) {
      for (String pair : header.split(";")) {
        if (pair.strip().equals("JSESSIONID=" + cookie)) {
          return true;
        }
      }
    }
    return false;
  }

  /** The login body: JSON or form-encoded, both accepted by the real server. */
  private static Map<String, String> credentials(HttpExchange exchange) throws IOException {
    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    String type = exchange.getRequestHeaders().getFirst("Content-Type");
    if (type != null && type.startsWith("application/json")) {
      Map<String, String> fields = new HashMap<>();
      JSON.readTree(body)
          .fields()
          .forEachRemaining(field -> fields.put(field.getKey(), field.getValue().asText()));
      return fields;
    }
    return query(body);
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> fields = new HashMap<>();
    if (raw == null || raw.isEmpty()) {
      return fields;
    }
    for (String pair : raw.split("&")) {
      String[] parts = pair.split("=", 2);
      fields.put(
          URLDecoder.decode(parts[0], StandardCharsets.UTF_8),
          parts.length > 1 ? URLDecoder.decode(parts[1], StandardCharsets.UTF_8) : "");
    }
    return fields;
  }

  private static long number(Map<String, String> query, String name, long fallback) {
    String value = query.get(name);
    return value == null ? fallback : Long.parseLong(value);
  }

  private static String hex() {
    return UUID.randomUUID().toString().replace("-", "").toUpperCase(Locale.ROOT);
  }

  private static String id(String name) {
    return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8))
        .toString()
        .replace("-", "")
        .toUpperCase(Locale.ROOT);
  }
}
