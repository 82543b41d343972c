package gov.austintexas.atd.standins.socrata;

import static gov.austintexas.atd.standins.EmulatorHttp.header;
import static gov.austintexas.atd.standins.EmulatorHttp.query;
import static gov.austintexas.atd.standins.EmulatorHttp.sleep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import gov.austintexas.atd.standins.EmulatorHttp;
import gov.austintexas.atd.standins.EmulatorServer;
import gov.austintexas.atd.transforms.json.Json;
import gov.austintexas.atd.transforms.socrata.FieldNames;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Socrata SODA 2.1 publishing API on loopback, for tests and the demo. It keeps datasets (an id,
 * column field names, an optional row identifier) and their rows in insertion order, and speaks the
 * portal's HTTP contract as the pipelines rely on it:
 *
 * <ul>
 *   <li>{@code POST /resource/{id}.json}: upsert. A row whose row identifier matches a stored row
 *       updates the fields it names (null clears one); other rows are created; without a row
 *       identifier every row is created. {@code ":deleted": true} deletes; deleting an absent row
 *       (or any row of a dataset without a row identifier) counts {@code Errors: 1}, as Socrata
 *       does.
 *   <li>{@code PUT /resource/{id}.json}: the dataset becomes exactly these rows.
 *   <li>{@code GET /resource/{id}.json} with {@code $limit} (default 1000, at most 50,000), {@code
 *       $offset}, {@code $order} ({@code :id} or a field name); null fields are left out of rows,
 *       as Socrata does.
 *   <li>{@code GET /api/views/{id}.json}: {@code columns[].fieldName}, {@code dataTypeName} (always
 *       {@code text} here), {@code rowIdentifierColumnId}.
 *   <li>Field names are lower case; a written row's keys are matched to them case-insensitively
 *       ({@code TASK_ORDER} lands in {@code task_order}, and matches the row identifier), as the
 *       portal does (the old scripts sent Oracle's upper-case keys and they landed). A key that
 *       matches no column is 400 {@code Illegal field name sent}
 *       (dev.socrata.com/docs/response-codes), and then nothing of the request is applied.
 *   <li>{@code X-App-Token} and HTTP Basic checked on every call (401 with Socrata's error body);
 *       404 for an unknown dataset; 413 above {@link #maxBodyBytes}; an {@code X-Socrata-RequestId}
 *       on every response.
 * </ul>
 *
 * <p>The Dataset Management API's replace revisions ({@code /api/publishing/v1/}) are in {@link
 * SocrataRevisions}: readers keep seeing the old rows until a revision's apply job succeeds.
 *
 * <p>{@link #faults()} injects the service's faults: a share of 500s before applying, a share after
 * applying (the write landed, the client cannot know), 429 bursts with an optional {@code
 * Retry-After}, 202s (accepted, not applied: the client must send again), latency, and a status for
 * chosen requests ("the 2nd to 7th POST to dataset X", "the 3rd upload chunk"), so a test can fail
 * exactly one chunk; output schemas that take several polls or report errors; apply jobs that take
 * several polls or fail. The 500 and 429 shares apply to every call, revisions included.
 */
public final class SocrataEmulator implements AutoCloseable {

  /** One request as the emulator answered it. */
  public record LoggedRequest(String method, String datasetId, String pathAndQuery, int status) {}

  /** Faults to inject; all off by default. Safe to change while requests are served. */
  public static final class Faults {
    private volatile double serverErrors;
    private volatile double serverErrorsAfterApplying;
    private volatile double rateLimitBursts;
    private volatile int retryAfterSeconds = -1;
    private volatile double accepted;
    private volatile Duration latency = Duration.ZERO;
    private volatile int schemaPolls;
    private volatile int schemaErrors;
    private volatile int jobPolls;
    private volatile boolean jobsFail;
    private final List<FailRule> rules = new CopyOnWriteArrayList<>();

    /** A share (0 to 1) of requests answered 500 without being applied. */
    public Faults serverErrors(double share) {
      serverErrors = share;
      return this;
    }

    /** A share of writes that are applied and then answered 500. */
    public Faults serverErrorsAfterApplying(double share) {
      serverErrorsAfterApplying = share;
      return this;
    }

    /**
     * A share of requests answered 429; {@code Retry-After} is sent when {@code retryAfterSeconds
     * >= 0}.
     */
    public Faults rateLimitBursts(double share, int retryAfterSeconds) {
      rateLimitBursts = share;
      this.retryAfterSeconds = retryAfterSeconds;
      return this;
    }

    /** A share of writes answered 202 (accepted, still processing) and not applied. */
    public Faults accepted(double share) {
      accepted = share;
      return this;
    }

    /** Every response waits this long. */
    public Faults latency(Duration delay) {
      latency = delay;
      return this;
    }

    /**
     * Answers the {@code first}-th to {@code (first + times - 1)}-th request (1-based, counted from
     * this call) with {@code method} on {@code datasetId} with {@code status}, without applying it.
     */
    public Faults failRequests(String method, String datasetId, int first, int times, int status) {
      rules.add(new FailRule(method, datasetId, first, first + times - 1, status));
      return this;
    }

    /**
     * Answers the {@code first}-th to {@code (first + times - 1)}-th Dataset Management API call of
     * this route on {@code datasetId} (null: any dataset) with {@code status}, without acting on
     * it. Routes: {@code revision.open}, {@code revision.show}, {@code revision.apply}, {@code
     * revision.discard}, {@code source.create}, {@code source.show}, {@code source.initiate},
     * {@code source.chunk}, {@code source.commit}, {@code schema.errors}.
     */
    public Faults failCalls(String route, String datasetId, int first, int times, int status) {
      rules.add(new FailRule(route, datasetId, first, first + times - 1, status));
      return this;
    }

    /**
     * Output schemas finish after this many looks at their source, with this many rows in error.
     */
    public Faults outputSchemas(int polls, int errors) {
      schemaPolls = polls;
      schemaErrors = errors;
      return this;
    }

    /** Apply jobs end after this many looks at their revision, in failure when {@code fail}. */
    public Faults jobs(int polls, boolean fail) {
      jobPolls = polls;
      jobsFail = fail;
      return this;
    }

    int schemaPolls() {
      return schemaPolls;
    }

    int schemaErrors() {
      return schemaErrors;
    }

    int jobPolls() {
      return jobPolls;
    }

    boolean jobsFail() {
      return jobsFail;
    }

    public Faults none() {
      rules.clear();
      return serverErrors(0)
          .serverErrorsAfterApplying(0)
          .rateLimitBursts(0, -1)
          .accepted(0)
          .latency(Duration.ZERO)
          .outputSchemas(0, 0)
          .jobs(0, false);
    }
  }

  private record FailRule(
      String method, String datasetId, int first, int last, int status, AtomicInteger seen) {
    FailRule(String method, String datasetId, int first, int last, int status) {
      this(method, datasetId, first, last, status, new AtomicInteger());
    }

    /** The status to answer, or 0; counts every matching request (a null dataset matches any). */
    int apply(String requestMethod, String requestDataset) {
      if (!method.equals(requestMethod)
          || (datasetId != null && !datasetId.equals(requestDataset))) {
        return 0;
      }
      int n = seen.incrementAndGet();
      return n >= first && n <= last ? status : 0;
    }
  }

  private static final Pattern RESOURCE = Pattern.compile("/resource/([^/]+)\\.json");
  private static final Pattern VIEW = Pattern.compile("/api/views/([^/]+)\\.json");
  private static final Pattern FIELD_NAME = Pattern.compile("[a-z_][a-z0-9_]*");
  private static final int MAX_LIMIT = 50_000;

  private final EmulatorServer server;
  private final Map<String, Dataset> datasets = new ConcurrentHashMap<>();
  private final Set<String> appTokens = ConcurrentHashMap.newKeySet();
  private final Map<String, String> users = new ConcurrentHashMap<>();
  private final Faults faults = new Faults();
  private final AtomicLong requestIds = new AtomicLong();
  private final List<LoggedRequest> log = new CopyOnWriteArrayList<>();
  private volatile long maxBodyBytes = 64L * 1024 * 1024;
  private volatile int preferredChunkBytes = 4 * 1024 * 1024;
  private final SocrataRevisions revisions = new SocrataRevisions(this);

  private SocrataEmulator() throws IOException {
    server = EmulatorServer.start("/", 16, this::handle);
  }

  /** Starts an emulator on a free loopback port. */
  public static SocrataEmulator start() throws IOException {
    return new SocrataEmulator();
  }

  /** The portal's base URL, e.g. {@code http://127.0.0.1:41234}. */
  public URI baseUrl() {
    return server.url("");
  }

  /** Accepts this app token; once one is added, every request must send a known one. */
  public SocrataEmulator addAppToken(String token) {
    appTokens.add(token);
    return this;
  }

  /** Accepts this user name (or API key id) and password (or secret) as HTTP Basic. */
  public SocrataEmulator addUser(String user, String password) {
    users.put(user, password);
    return this;
  }

  /**
   * Creates an empty dataset; {@code rowIdentifier} is one of the columns, or null for none. Field
   * names are the portal's API field names: lower-case letters, digits and underscores (the portal
   * derives them so, dev.socrata.com/docs/datatypes), so an upper-case declaration is refused here
   * rather than hiding a case-sensitive client.
   */
  public SocrataEmulator createDataset(String id, List<String> columns, String rowIdentifier) {
    for (String column : columns) {
      if (!FIELD_NAME.matcher(column).matches()) {
        throw new IllegalArgumentException(
            "'" + column + "' is not a Socrata field name (lower case, digits, _)");
      }
    }
    if (rowIdentifier != null && !columns.contains(rowIdentifier)) {
      throw new IllegalArgumentException(
          "the row identifier " + rowIdentifier + " is not a column of " + id);
    }
    datasets.put(id, new Dataset(id, List.copyOf(columns), rowIdentifier));
    return this;
  }

  /** Requests are refused with 413 above this body size. */
  public SocrataEmulator maxBodyBytes(long bytes) {
    maxBodyBytes = bytes;
    return this;
  }

  public Faults faults() {
    return faults;
  }

  /** The {@code preferred_chunk_size} a source's {@code initiate} answers (bytes per chunk). */
  public SocrataEmulator preferredChunkBytes(int bytes) {
    preferredChunkBytes = bytes;
    return this;
  }

  int preferredChunkBytes() {
    return preferredChunkBytes;
  }

  boolean hasDataset(String id) {
    return id != null && datasets.containsKey(id);
  }

  /**
   * An applied replace revision: the dataset takes these columns and exactly these rows, in one
   * step.
   */
  void replaceDataset(String id, List<String> columns, List<ObjectNode> rows) {
    Dataset dataset = dataset(id);
    synchronized (dataset) {
      dataset.columns = List.copyOf(columns);
      if (dataset.rowIdentifier != null && !columns.contains(dataset.rowIdentifier)) {
        dataset.rowIdentifier = null;
      }
      dataset.rows = new LinkedHashMap<>();
      dataset.upsert(rows);
    }
  }

  /** Stores rows directly (no auth, no faults), as an upsert would. */
  public void insert(String datasetId, List<ObjectNode> rows) {
    Dataset dataset = dataset(datasetId);
    synchronized (dataset) {
      dataset.upsert(rows.stream().map(dataset::byFieldName).toList());
    }
  }

  /** The dataset's rows as stored, in insertion order (copies; null fields left out). */
  public List<ObjectNode> rows(String datasetId) {
    Dataset dataset = dataset(datasetId);
    synchronized (dataset) {
      List<ObjectNode> copies = new ArrayList<>();
      dataset.rows.values().forEach(row -> copies.add(row.deepCopy()));
      return copies;
    }
  }

  /** The dataset's revisions that are still open: neither applied nor discarded. */
  public int openRevisions(String datasetId) {
    return revisions.openRevisions(datasetId);
  }

  /** Every request answered so far, in the order they were answered. */
  public List<LoggedRequest> requestLog() {
    return List.copyOf(log);
  }

  public int requests() {
    return log.size();
  }

  /** Requests with this method to this dataset, whatever their answer. */
  public int requests(String method, String datasetId) {
    return (int)
        log.stream()
            .filter(r -> r.method().equals(method) && datasetId.equals(r.datasetId()))
            .count();
  }

  @Override
  public void close() {
    server.close();
  }

  private Dataset dataset(String id) {
    Dataset dataset = datasets.get(id);
    if (dataset == null) {
      throw new IllegalArgumentException("no dataset " + id);
    }
    return dataset;
  }

  // ---------------------------------------------------------------- HTTP

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      exchange
          .getResponseHeaders()
          .add("X-Socrata-RequestId", "emu-" + requestIds.incrementAndGet());
      serve(exchange);
    }
  }

  private void serve(HttpExchange exchange) throws IOException {
    String method = exchange.getRequestMethod();
    String path = exchange.getRequestURI().getPath();
    Matcher resource = RESOURCE.matcher(path);
    Matcher view = VIEW.matcher(path);
    SocrataRevisions.Route dsmapi =
        path.startsWith(SocrataRevisions.API) ? revisions.route(method, path) : null;
    String datasetId =
        resource.matches()
            ? resource.group(1)
            : view.matches() ? view.group(1) : dsmapi != null ? dsmapi.datasetId() : null;
    Answer answer = new Answer(exchange, method, datasetId);
    sleep(faults.latency);
    if (server.chance(faults.rateLimitBursts)) {
      if (faults.retryAfterSeconds >= 0) {
        exchange
            .getResponseHeaders()
            .add("Retry-After", Integer.toString(faults.retryAfterSeconds));
      }
      answer.error(429, "throttled", "Too many requests");
      return;
    }
    if (server.chance(faults.serverErrors)) {
      answer.error(500, "internal_error", "Internal error");
      return;
    }
    if (!appTokens.isEmpty() && !appTokens.contains(header(exchange, "X-App-Token"))) {
      answer.error(401, "invalid_app_token", "Invalid app_token specified");
      return;
    }
    if (!users.isEmpty() && !validBasicAuth(header(exchange, "Authorization"))) {
      answer.error(401, "authentication_required", "Invalid username or password");
      return;
    }
    if (dsmapi != null) {
      int injected = injected(dsmapi.name(), dsmapi.datasetId());
      if (injected > 0) {
        answer.error(injected, "injected", "Injected failure");
        return;
      }
      byte[] body = readBody(answer);
      if (body != null) {
        revisions.serve(dsmapi, answer, method, body, query(exchange.getRequestURI()));
      }
      return;
    }
    if (datasetId == null) {
      answer.error(404, "not_found", "Not found: " + path);
      return;
    }
    Dataset dataset = datasets.get(datasetId);
    if (dataset == null) {
      answer.error(404, "not_found", "Dataset " + datasetId + " does not exist");
      return;
    }
    int injected = injected(method, datasetId);
    if (injected > 0) {
      answer.error(injected, "injected", "Injected failure");
      return;
    }
    if (view.matches() && method.equals("GET")) {
      answer.send(200, dataset.metadata());
    } else if (resource.matches() && method.equals("GET")) {
      read(answer, dataset, query(exchange.getRequestURI()));
    } else if (resource.matches() && (method.equals("POST") || method.equals("PUT"))) {
      write(answer, dataset, method);
    } else {
      answer.error(405, "method_not_allowed", "Method not allowed");
    }
  }

  /** The status a fail rule gives this request, or 0. */
  private int injected(String method, String datasetId) {
    int injected = 0;
    for (FailRule rule : faults.rules) {
      int status = rule.apply(method, datasetId); // every rule counts every matching request
      injected = injected == 0 ? status : injected;
    }
    return injected;
  }

  /** The request body, or null after answering 413 when it is larger than {@link #maxBodyBytes}. */
  private byte[] readBody(Answer answer) throws IOException {
    byte[] body;
    try (InputStream in = answer.exchange.getRequestBody()) {
      body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBodyBytes + 1));
    }
    if (body.length > maxBodyBytes) {
      answer.error(413, "payload_too_large", "Request entity too large");
      return null;
    }
    return body;
  }

  private void read(Answer answer, Dataset dataset, Map<String, String> query) throws IOException {
    int limit;
    int offset;
    try {
      limit = Integer.parseInt(query.getOrDefault("$limit", "1000"));
      offset = Integer.parseInt(query.getOrDefault("$offset", "0"));
    } catch (NumberFormatException e) {
      answer.badRequest("$limit and $offset must be whole numbers");
      return;
    }
    if (limit < 0 || limit > MAX_LIMIT || offset < 0) {
      answer.badRequest("$limit must be 0 to " + MAX_LIMIT + " and $offset 0 or more");
      return;
    }
    String order = FieldNames.normalize(query.getOrDefault("$order", ":id").strip());
    if (!order.equals(":id") && !dataset.columns.contains(order)) {
      answer.badRequest("No such column: " + order);
      return;
    }
    ArrayNode page = Json.MAPPER.createArrayNode();
    synchronized (dataset) {
      List<ObjectNode> rows = new ArrayList<>(dataset.rows.values());
      if (!order.equals(":id")) {
        rows.sort(
            Comparator.comparing(
                (ObjectNode row) -> Json.canonicalText(row.get(order)),
                Comparator.nullsFirst(Comparator.naturalOrder())));
      }
      rows.stream().skip(offset).limit(limit).forEach(row -> page.add(row.deepCopy()));
    }
    answer.send(200, page);
  }

  private void write(Answer answer, Dataset dataset, String method) throws IOException {
    byte[] body = readBody(answer);
    if (body == null) {
      return;
    }
    List<ObjectNode> rows = new ArrayList<>();
    try {
      JsonNode array = Json.MAPPER.readTree(body);
      if (!(array instanceof ArrayNode)) {
        answer.badRequest("The body must be a JSON array of rows");
        return;
      }
      for (JsonNode row : array) {
        if (!(row instanceof ObjectNode object)) {
          answer.badRequest("Every row must be a JSON object");
          return;
        }
        rows.add(object);
      }
    } catch (IOException invalid) {
      answer.badRequest("Invalid JSON");
      return;
    }
    List<ObjectNode> named = new ArrayList<>(rows.size());
    for (ObjectNode row : rows) {
      String illegal = dataset.illegalKey(row);
      if (illegal != null) {
        answer.badRequest("Illegal field name sent: " + illegal);
        return;
      }
      named.add(dataset.byFieldName(row));
    }
    rows = named;
    if (server.chance(faults.accepted)) {
      answer.send(
          202,
          Json.MAPPER
              .createObjectNode()
              .put("message", "Accepted, still processing")
              .put("error", false));
      return;
    }
    ObjectNode counts;
    synchronized (dataset) {
      counts = method.equals("PUT") ? dataset.replace(rows) : dataset.upsert(rows);
    }
    if (server.chance(faults.serverErrorsAfterApplying)) {
      answer.error(500, "internal_error", "Internal error");
      return;
    }
    answer.send(200, counts);
  }

  private boolean validBasicAuth(String header) {
    if (!header.startsWith("Basic ")) {
      return false;
    }
    String decoded;
    try {
      decoded =
          new String(
              Base64.getDecoder().decode(header.substring(6).strip()), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException notBase64) {
      return false;
    }
    int colon = decoded.indexOf(':');
    return colon > 0 && decoded.substring(colon + 1).equals(users.get(decoded.substring(0, colon)));
  }

  /** Answers one exchange and logs it. */
  final class Answer {
    final HttpExchange exchange;
    final String method;
    final String datasetId;

    Answer(HttpExchange exchange, String method, String datasetId) {
      this.exchange = exchange;
      this.method = method;
      this.datasetId = datasetId;
    }

    void error(int status, String code, String message) throws IOException {
      send(
          status,
          Json.MAPPER
              .createObjectNode()
              .put("code", code)
              .put("error", true)
              .put("message", message));
    }

    /** Socrata's 400 body has no code. */
    void badRequest(String message) throws IOException {
      send(400, Json.MAPPER.createObjectNode().put("message", message).put("error", true));
    }

    void send(int status, JsonNode body) throws IOException {
      log.add(new LoggedRequest(method, datasetId, exchange.getRequestURI().toString(), status));
      EmulatorHttp.sendJson(exchange, status, body);
    }
  }

  // ---------------------------------------------------------------- state

  /**
   * A dataset's rows by key (the row identifier's text, or a row number). Guarded by its monitor.
   */
  private static final class Dataset {
    final String id;
    volatile List<String> columns;
    volatile String rowIdentifier;
    Map<String, ObjectNode> rows = new LinkedHashMap<>();
    long nextRowNumber;

    Dataset(String id, List<String> columns, String rowIdentifier) {
      this.id = id;
      this.columns = columns;
      this.rowIdentifier = rowIdentifier;
    }

    /** The first key of the row that matches no column (compared as field names), or null. */
    String illegalKey(ObjectNode row) {
      for (String key : (Iterable<String>) row::fieldNames) {
        if (!key.equals(":deleted")
            && !key.equals(":id")
            && !columns.contains(FieldNames.normalize(key))) {
          return key;
        }
      }
      return null;
    }

    /** The row with each key replaced by the field name it matches. */
    ObjectNode byFieldName(ObjectNode row) {
      ObjectNode named = Json.MAPPER.createObjectNode();
      row.fields()
          .forEachRemaining(
              field ->
                  named.set(
                      field.getKey().startsWith(":")
                          ? field.getKey()
                          : FieldNames.normalize(field.getKey()),
                      field.getValue()));
      return named;
    }

    ObjectNode upsert(List<ObjectNode> sent) {
      long created = 0;
      long updated = 0;
      long deleted = 0;
      long errors = 0;
      for (ObjectNode row : sent) {
        String key = rowIdentifier == null ? null : Json.canonicalText(row.get(rowIdentifier));
        if (row.path(":deleted").asBoolean(false)) {
          if (key != null && rows.remove(key) != null) {
            deleted++;
          } else {
            errors++;
          }
        } else if (rowIdentifier != null && key == null) {
          errors++; // a row without its row identifier cannot be matched or created
        } else if (key != null && rows.containsKey(key)) {
          merge(rows.get(key), row);
          updated++;
        } else {
          ObjectNode stored = Json.MAPPER.createObjectNode();
          merge(stored, row);
          rows.put(key != null ? key : "#" + nextRowNumber++, stored);
          created++;
        }
      }
      return counts(created, updated, deleted, errors);
    }

    ObjectNode replace(List<ObjectNode> sent) {
      int before = rows.size();
      rows = new LinkedHashMap<>();
      ObjectNode counts = upsert(sent);
      return counts.put("Rows Deleted", before);
    }

    /** Sets the fields the row names; null clears one; system fields are not stored. */
    private static void merge(ObjectNode stored, ObjectNode row) {
      row.fields()
          .forEachRemaining(
              field -> {
                if (field.getKey().startsWith(":")) {
                  return;
                }
                if (field.getValue().isNull()) {
                  stored.remove(field.getKey());
                } else {
                  stored.set(field.getKey(), field.getValue().deepCopy());
                }
              });
    }

    private static ObjectNode counts(long created, long updated, long deleted, long errors) {
      return Json.MAPPER
          .createObjectNode()
          .put("Errors", errors)
          .put("Rows Deleted", deleted)
          .put("Rows Updated", updated)
          .put("By SID", 0)
          .put("Rows Created", created)
          .put("By RowIdentifier", 0);
    }

    ObjectNode metadata() {
      ObjectNode view = Json.MAPPER.createObjectNode().put("id", id).put("name", id);
      ArrayNode fields = view.putArray("columns");
      for (int i = 0; i < columns.size(); i++) {
        fields
            .addObject()
            .put("id", 1000 + i)
            .put("fieldName", columns.get(i))
            .put("name", columns.get(i))
            .put("dataTypeName", "text");
      }
      if (rowIdentifier != null) {
        view.put("rowIdentifierColumnId", 1000 + columns.indexOf(rowIdentifier));
      }
      return view;
    }
  }
}
