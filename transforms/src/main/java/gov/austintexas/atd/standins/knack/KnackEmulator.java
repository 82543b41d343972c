package gov.austintexas.atd.standins.knack;

import static gov.austintexas.atd.standins.EmulatorHttp.header;
import static gov.austintexas.atd.standins.EmulatorHttp.query;
import static gov.austintexas.atd.standins.EmulatorHttp.sendJson;
import static gov.austintexas.atd.standins.EmulatorHttp.sleep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import gov.austintexas.atd.standins.EmulatorServer;
import gov.austintexas.atd.transforms.json.Json;
import gov.austintexas.atd.transforms.knack.KnackCurrency;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A Knack records API (v1) on loopback, for tests, the demo and the sandbox. It keeps apps, objects
 * and records with ids, and speaks the records API as the pipelines rely on it: the auth headers,
 * list with {@code page}/{@code rows_per_page} (at most 1000) and {@code filters}, create, update
 * and delete; raw and formatted values per field type (currency {@code "1,234.00"}, multi-line text
 * shown with {@code <br />}, date-times as objects); and the rate limit, as a token bucket of
 * {@code requestsPerSecond} per app answered with 429 and the {@code X-RateLimit-*} headers.
 *
 * <p>{@link #faults()} injects the real service's faults: a share of 5xx, bursts of 429, short and
 * empty pages, a 200 without {@code records}, wrong {@code total_records}, pages that repeat, slow
 * responses, creates that are applied and then answered too late, and records deleted just before
 * their update. {@link #maxRequestsInAnyWindow} tells how close a client came to the limit.
 *
 * <p>Sources: the Knack API docs (knack.com/developer-documentation: "Records", "Filters", "Rate
 * limits"), the service's known defects as the old scripts met them (short pages, totals that
 * change between requests), and the behaviour of knackpy ({@code cityofaustin/knackpy}, {@code
 * api.py}), the City's own client.
 */
public final class KnackEmulator implements AutoCloseable {

  /** How a field stores and shows its values. */
  public enum FieldType {
    SHORT_TEXT,
    PARAGRAPH_TEXT,
    NUMBER,
    CURRENCY,
    DATE_TIME
  }

  /** Faults to inject; all off by default. Safe to change while requests are served. */
  public static final class Faults {
    private volatile double serverErrors;
    private volatile double rateLimitBursts;
    private volatile int shortPageDrop;
    private volatile int totalRecordsOffset;
    private volatile Duration latency = Duration.ZERO;
    private volatile double lateCreates;
    private volatile Duration lateCreateDelay = Duration.ofSeconds(3);
    private volatile int emptyPageAnswers;
    private volatile int pageWithoutRecords;
    private volatile boolean repeatedPages;
    private volatile int deletedBeforeUpdate;

    /** A share (0 to 1) of requests answered 503. */
    public Faults serverErrors(double share) {
      serverErrors = share;
      return this;
    }

    /** A share of requests answered 429 although the app is under its limit. */
    public Faults rateLimitBursts(double share) {
      rateLimitBursts = share;
      return this;
    }

    /** The first answer for each page but the last drops this many records. */
    public Faults shortPages(int droppedRecords) {
      shortPageDrop = droppedRecords;
      return this;
    }

    /** Added to the true {@code total_records} (and so to {@code total_pages}); may be negative. */
    public Faults wrongTotalRecords(int offset) {
      totalRecordsOffset = offset;
      return this;
    }

    /** Every response waits this long. */
    public Faults latency(Duration delay) {
      latency = delay;
      return this;
    }

    /** A share of creates that are applied, then answered only after {@code delay}. */
    public Faults lateCreates(double share, Duration delay) {
      lateCreates = share;
      lateCreateDelay = delay;
      return this;
    }

    /**
     * The first {@code answers} answers for each page but the last have no records, with the true
     * {@code total_pages} (the real service's short pages at their worst).
     */
    public Faults emptyPages(int answers) {
      emptyPageAnswers = answers;
      return this;
    }

    /** Page {@code page} (0: none) is answered 200 with the totals but without {@code records}. */
    public Faults pageWithoutRecords(int page) {
      pageWithoutRecords = page;
      return this;
    }

    /** Every page is answered with page 1's records: a server that ignores {@code page}. */
    public Faults repeatedPages(boolean on) {
      repeatedPages = on;
      return this;
    }

    /**
     * The next {@code updates} updates find their record deleted (as by a user since the read):
     * 404.
     */
    public Faults deletedBeforeUpdate(int updates) {
      deletedBeforeUpdate = updates;
      return this;
    }

    public Faults none() {
      return serverErrors(0)
          .rateLimitBursts(0)
          .shortPages(0)
          .wrongTotalRecords(0)
          .latency(Duration.ZERO)
          .lateCreates(0, Duration.ofSeconds(3))
          .emptyPages(0)
          .pageWithoutRecords(0)
          .repeatedPages(false)
          .deletedBeforeUpdate(0);
    }

    private synchronized boolean takeDeletedBeforeUpdate() {
      if (deletedBeforeUpdate <= 0) {
        return false;
      }
      deletedBeforeUpdate--;
      return true;
    }
  }

  private static final DateTimeFormatter KNACK_WRITE =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");
  private static final DateTimeFormatter US_DATE = DateTimeFormatter.ofPattern("MM/dd/yyyy");

  private final EmulatorServer server;
  private final Map<String, App> apps = new ConcurrentHashMap<>();
  private final Faults faults = new Faults();
  private final AtomicLong nextId = new AtomicLong(0x5f3a00000000L);
  private final AtomicInteger limitRejections = new AtomicInteger();
  private final AtomicInteger requests = new AtomicInteger();
  private final AtomicLong firstWriteNanos = new AtomicLong();
  private final AtomicLong lastWriteNanos = new AtomicLong();
  private final AtomicInteger writes = new AtomicInteger();
  private final Map<String, List<Long>> requestNanos = new ConcurrentHashMap<>();
  private final RequestLog<Request> requestLog = new RequestLog<>(REQUEST_LOG_SIZE);
  private final int requestsPerSecond;

  /** Requests the log keeps: a long benchmark's would otherwise fill the heap. */
  public static final int REQUEST_LOG_SIZE = 10_000;

  /**
   * One request as the emulator saw it, in the order requests arrived: the method, the path with
   * the decoded query, and the status it was answered with (0 while it is being answered).
   */
  public record Request(String method, String pathAndQuery, int status) {
    @Override
    public String toString() {
      return method + " " + pathAndQuery + " " + status;
    }
  }

  private KnackEmulator(int requestsPerSecond) throws IOException {
    this.requestsPerSecond = requestsPerSecond;
    server = EmulatorServer.start("/v1/", 32, this::handle);
  }

  /** Starts an emulator on a free loopback port with Knack's limit of 10 requests per second. */
  public static KnackEmulator start() throws IOException {
    return start(10);
  }

  public static KnackEmulator start(int requestsPerSecond) throws IOException {
    return new KnackEmulator(requestsPerSecond);
  }

  /** The API's base URL, e.g. {@code http://127.0.0.1:41234/v1}. */
  public URI apiUrl() {
    return server.url("/v1");
  }

  public Faults faults() {
    return faults;
  }

  public void addApp(String appId, String apiKey) {
    apps.put(appId, new App(apiKey, requestsPerSecond));
  }

  /** Declares an object and its fields' types; undeclared fields are short text. */
  public void addObject(String appId, String object, Map<String, FieldType> fields) {
    app(appId).objects.put(object, new KnackObject(fields));
  }

  /** Stores a record directly (no limit, no faults), as if typed into Knack; returns its id. */
  public String insert(String appId, String object, ObjectNode fields) {
    KnackObject target = app(appId).objects.get(object);
    synchronized (target) {
      return target.create(fields, newId());
    }
  }

  /** The object's records as the API shows them, in creation order. */
  public List<ObjectNode> records(String appId, String object) {
    KnackObject target = app(appId).objects.get(object);
    synchronized (target) {
      List<ObjectNode> shown = new ArrayList<>();
      target.records.forEach((id, raw) -> shown.add(target.show(id, raw)));
      return shown;
    }
  }

  /** Requests answered with 429 because the app was over its limit (not injected bursts). */
  public int limitRejections() {
    return limitRejections.get();
  }

  public int requests() {
    return requests.get();
  }

  /** The last {@link #REQUEST_LOG_SIZE} requests, in arrival order. */
  public List<Request> requestLog() {
    return requestLog.requests();
  }

  /**
   * The most requests for {@code appId} that arrived within any {@code window} (any, not aligned to
   * the clock), counting every request the app's id came with, answered or refused.
   */
  public int maxRequestsInAnyWindow(String appId, Duration window) {
    List<Long> times = requestNanos.getOrDefault(appId, List.of());
    long[] sorted;
    synchronized (times) {
      sorted = times.stream().mapToLong(Long::longValue).sorted().toArray();
    }
    int most = 0;
    for (int first = 0, last = 0; last < sorted.length; last++) {
      while (sorted[last] - sorted[first] >= window.toNanos()) {
        first++;
      }
      most = Math.max(most, last - first + 1);
    }
    return most;
  }

  /** Requests that came with {@code appId}. */
  public int requests(String appId) {
    List<Long> times = requestNanos.getOrDefault(appId, List.of());
    synchronized (times) {
      return times.size();
    }
  }

  /** Creates and updates applied through the API. */
  public int writes() {
    return writes.get();
  }

  /** Time from the first to the last create or update applied through the API. */
  public Duration writeSpan() {
    return Duration.ofNanos(lastWriteNanos.get() - firstWriteNanos.get());
  }

  private void countWrite() {
    long now = System.nanoTime();
    firstWriteNanos.compareAndSet(0, now);
    lastWriteNanos.accumulateAndGet(now, Math::max);
    writes.incrementAndGet();
  }

  @Override
  public void close() {
    server.close();
  }

  private App app(String appId) {
    App app = apps.get(appId);
    if (app == null) {
      throw new IllegalArgumentException("no app " + appId);
    }
    return app;
  }

  private String newId() {
    return String.format("%024x", nextId.incrementAndGet());
  }

  // ---------------------------------------------------------------- HTTP

  private void handle(HttpExchange exchange) throws IOException {
    requests.incrementAndGet();
    String appId = header(exchange, "X-Knack-Application-Id");
    if (appId != null) {
      List<Long> times = requestNanos.computeIfAbsent(appId, id -> new ArrayList<>());
      synchronized (times) {
        times.add(System.nanoTime());
      }
    }
    URI uri = exchange.getRequestURI();
    String pathAndQuery = uri.getPath() + (uri.getQuery() == null ? "" : "?" + uri.getQuery());
    long entry = requestLog.arrived(new Request(exchange.getRequestMethod(), pathAndQuery, 0));
    try (exchange) {
      serve(exchange);
    } finally {
      requestLog.answered(
          entry,
          new Request(exchange.getRequestMethod(), pathAndQuery, exchange.getResponseCode()));
    }
  }

  private void serve(HttpExchange exchange) throws IOException {
    try {
      sleep(faults.latency);
      App app = apps.get(header(exchange, "X-Knack-Application-Id"));
      if (app == null || !app.apiKey.equals(header(exchange, "X-Knack-REST-API-Key"))) {
        error(exchange, 401, "Invalid API key or application id");
        return;
      }
      long resetSecond = app.bucket.take();
      if (resetSecond > 0) {
        limitRejections.incrementAndGet();
        rateLimited(exchange, resetSecond);
        return;
      }
      if (server.chance(faults.rateLimitBursts)) {
        rateLimited(exchange, System.currentTimeMillis() / 1000 + 1);
        return;
      }
      if (server.chance(faults.serverErrors)) {
        error(exchange, 503, "Service Unavailable");
        return;
      }
      route(exchange, app);
    } catch (BadRequest bad) {
      sendJson(exchange, 400, bad.body);
    }
  }

  private void route(HttpExchange exchange, App app) throws IOException {
    // /v1/objects/{object}/records[/{id}]
    String[] parts = exchange.getRequestURI().getPath().split("/");
    if (parts.length < 5 || !parts[2].equals("objects") || !parts[4].equals("records")) {
      error(exchange, 404, "Not found");
      return;
    }
    KnackObject object = app.objects.get(parts[3]);
    if (object == null) {
      error(exchange, 404, "Object " + parts[3] + " not found");
      return;
    }
    String id = parts.length > 5 ? parts[5] : null;
    String method = exchange.getRequestMethod();
    if (id == null && method.equals("GET")) {
      list(exchange, object);
    } else if (id == null && method.equals("POST")) {
      create(exchange, object);
    } else if (id != null && method.equals("PUT")) {
      update(exchange, object, id);
    } else if (id != null && method.equals("DELETE")) {
      delete(exchange, object, id);
    } else {
      error(exchange, 405, "Method not allowed");
    }
  }

  private void list(HttpExchange exchange, KnackObject object) throws IOException {
    Map<String, String> query = query(exchange.getRequestURI());
    int page = intParam(query, "page", 1);
    int rows = intParam(query, "rows_per_page", 25);
    if (page < 1 || rows < 1 || rows > 1000) {
      throw new BadRequest("page must be 1 or more and rows_per_page 1 to 1000");
    }
    List<ObjectNode> matching = new ArrayList<>();
    synchronized (object) {
      Filter filter = Filter.parse(query.get("filters"));
      object.records.forEach(
          (recordId, raw) -> {
            if (filter.matches(raw)) {
              matching.add(object.show(recordId, raw));
            }
          });
    }
    int truePages = (matching.size() + rows - 1) / rows;
    int totalRecords = Math.max(0, matching.size() + faults.totalRecordsOffset);
    int totalPages = (totalRecords + rows - 1) / rows;
    // A server that ignores page answers every page with the first.
    int from = faults.repeatedPages ? 0 : Math.min(matching.size(), (page - 1) * rows);
    int to = Math.min(matching.size(), from + rows);
    // A known defect of the service: pages can come back short; knackpy's api.py keeps paging on
    // total_records, noting that "this number could change between requests".
    if (faults.shortPageDrop > 0 && page < truePages && object.servedShort.add(page + "/" + rows)) {
      to = Math.max(from, to - faults.shortPageDrop);
    }
    String served = page + "/" + rows + "/" + query.getOrDefault("filters", "");
    if (page < truePages
        && object.emptyAnswers.merge(served, 1, Integer::sum) <= faults.emptyPageAnswers) {
      to = from;
    }
    ObjectNode body = Json.MAPPER.createObjectNode();
    body.put("total_pages", totalPages)
        .put("current_page", page)
        .put("total_records", totalRecords);
    // A 200 whose body lacks records, which a reader must never take for an empty page.
    if (page != faults.pageWithoutRecords) {
      body.putArray("records").addAll(matching.subList(from, to));
    }
    sendJson(exchange, 200, body);
  }

  private void create(HttpExchange exchange, KnackObject object) throws IOException {
    ObjectNode fields = body(exchange);
    ObjectNode shown;
    synchronized (object) {
      String id = object.create(fields, newId());
      shown = object.show(id, object.records.get(id));
    }
    countWrite();
    if (server.chance(faults.lateCreates)) {
      sleep(faults.lateCreateDelay); // applied, but the client has given up waiting
    }
    sendJson(exchange, 200, shown);
  }

  private void update(HttpExchange exchange, KnackObject object, String id) throws IOException {
    ObjectNode fields = body(exchange);
    ObjectNode shown;
    synchronized (object) {
      // A record deleted between the read and the write answers PUT with 404.
      if (faults.takeDeletedBeforeUpdate()) {
        object.records.remove(id);
      }
      ObjectNode raw = object.records.get(id);
      if (raw == null) {
        error(exchange, 404, "Record " + id + " not found");
        return;
      }
      object.store(raw, fields);
      shown = object.show(id, raw);
    }
    countWrite();
    sendJson(exchange, 200, shown);
  }

  private void delete(HttpExchange exchange, KnackObject object, String id) throws IOException {
    synchronized (object) {
      if (object.records.remove(id) == null) {
        error(exchange, 404, "Record " + id + " not found");
        return;
      }
    }
    sendJson(exchange, 200, Json.MAPPER.createObjectNode().put("delete", true));
  }

  private static ObjectNode body(HttpExchange exchange) throws IOException {
    try {
      JsonNode body = Json.MAPPER.readTree(exchange.getRequestBody());
      if (body instanceof ObjectNode fields) {
        return fields;
      }
    } catch (IOException invalid) {
      // answered below
    }
    throw new BadRequest("the body must be a JSON object");
  }

  private void rateLimited(HttpExchange exchange, long resetSecond) throws IOException {
    exchange.getResponseHeaders().add("X-RateLimit-Limit", Integer.toString(requestsPerSecond));
    exchange.getResponseHeaders().add("X-RateLimit-Remaining", "0");
    exchange.getResponseHeaders().add("X-RateLimit-Reset", Long.toString(resetSecond));
    error(exchange, 429, "Rate limit exceeded");
  }

  private static void error(HttpExchange exchange, int status, String message) throws IOException {
    ObjectNode body = Json.MAPPER.createObjectNode();
    body.putArray("errors").addObject().put("message", message);
    sendJson(exchange, status, body);
  }

  private static int intParam(Map<String, String> query, String name, int fallback) {
    try {
      return query.containsKey(name) ? Integer.parseInt(query.get(name)) : fallback;
    } catch (NumberFormatException e) {
      throw new BadRequest(name + " must be a number");
    }
  }

  // ---------------------------------------------------------------- state

  private static final class App {
    final String apiKey;
    final TokenBucket bucket;
    final Map<String, KnackObject> objects = new ConcurrentHashMap<>();

    App(String apiKey, int requestsPerSecond) {
      this.apiKey = apiKey;
      this.bucket = new TokenBucket(requestsPerSecond);
    }
  }

  /** {@code requestsPerSecond} tokens, refilled continuously. */
  private static final class TokenBucket {
    private final double rate;
    private double tokens;
    private long last = System.nanoTime();

    TokenBucket(int rate) {
      this.rate = rate;
      this.tokens = rate;
    }

    /** 0 when a request may go, else the epoch second when one may. */
    synchronized long take() {
      long now = System.nanoTime();
      tokens = Math.min(rate, tokens + (now - last) / 1e9 * rate);
      last = now;
      if (tokens >= 1) {
        tokens -= 1;
        return 0;
      }
      double waitSeconds = (1 - tokens) / rate;
      return (long) Math.ceil(System.currentTimeMillis() / 1000.0 + waitSeconds);
    }
  }

  /** An object's records: raw values by id, in creation order. Guarded by the object's monitor. */
  private static final class KnackObject {
    final Map<String, FieldType> types;
    final Map<String, ObjectNode> records = new LinkedHashMap<>();
    final Set<String> servedShort = ConcurrentHashMap.newKeySet();
    final Map<String, Integer> emptyAnswers = new ConcurrentHashMap<>();

    KnackObject(Map<String, FieldType> types) {
      this.types = new HashMap<>(types);
    }

    String create(ObjectNode fields, String id) {
      ObjectNode raw = Json.MAPPER.createObjectNode();
      store(raw, fields);
      records.put(id, raw);
      return id;
    }

    void store(ObjectNode raw, ObjectNode fields) {
      List<String> names = new ArrayList<>();
      fields.fieldNames().forEachRemaining(names::add);
      for (String field : names) {
        raw.set(field, toRaw(field, type(field), fields.get(field)));
      }
    }

    ObjectNode show(String id, ObjectNode raw) {
      ObjectNode shown = Json.MAPPER.createObjectNode().put("id", id);
      raw.fields()
          .forEachRemaining(
              entry -> {
                shown.put(entry.getKey(), formatted(type(entry.getKey()), entry.getValue()));
                shown.set(entry.getKey() + "_raw", entry.getValue());
              });
      return shown;
    }

    FieldType type(String field) {
      return types.getOrDefault(field, FieldType.SHORT_TEXT);
    }
  }

  private static JsonNode toRaw(String field, FieldType type, JsonNode value) {
    if (Json.isEmpty(value)) {
      return Json.MAPPER.getNodeFactory().textNode("");
    }
    switch (type) {
      case NUMBER:
        return Json.MAPPER.getNodeFactory().numberNode(decimal(field, value));
      case CURRENCY:
        return Json.MAPPER.getNodeFactory().textNode(KnackCurrency.format(decimal(field, value)));
      case DATE_TIME:
        return dateTime(field, value.asText());
      default:
        String text = value.isNumber() ? Json.plainNumber(value.decimalValue()) : value.asText();
        return Json.MAPPER.getNodeFactory().textNode(text);
    }
  }

  private static String formatted(FieldType type, JsonNode raw) {
    if (raw.isTextual() && raw.textValue().isEmpty()) {
      return "";
    }
    switch (type) {
      case PARAGRAPH_TEXT:
        return raw.asText().replace("\n", "<br />");
      case NUMBER:
        return Json.plainNumber(raw.decimalValue());
      case CURRENCY:
        String amount = raw.asText();
        return amount.startsWith("-") ? "-$" + amount.substring(1) : "$" + amount;
      case DATE_TIME:
        return raw.path("timestamp").asText();
      default:
        return raw.asText();
    }
  }

  private static BigDecimal decimal(String field, JsonNode value) {
    try {
      return value.isNumber() ? value.decimalValue() : KnackCurrency.parse(value.asText());
    } catch (NumberFormatException e) {
      throw new BadRequest(field, "'" + value.asText() + "' is not a number");
    }
  }

  /** Knack takes {@code YYYY-MM-DDTHH:mm:ss} local time and keeps it as a labelled-UTC object. */
  private static JsonNode dateTime(String field, String text) {
    LocalDateTime local;
    try {
      local = LocalDateTime.parse(text, KNACK_WRITE);
    } catch (DateTimeParseException e) {
      throw new BadRequest(field, "'" + text + "' is not a date-time (YYYY-MM-DDTHH:mm:ss)");
    }
    int hour12 = local.getHour() % 12 == 0 ? 12 : local.getHour() % 12;
    String amPm = local.getHour() < 12 ? "AM" : "PM";
    ObjectNode raw = Json.MAPPER.createObjectNode();
    raw.put("date", local.format(US_DATE));
    raw.put("date_formatted", local.format(US_DATE));
    raw.put("hours", String.format("%02d", hour12));
    raw.put("minutes", String.format("%02d", local.getMinute()));
    raw.put("am_pm", amPm);
    raw.put("unix_timestamp", local.toInstant(ZoneOffset.UTC).toEpochMilli());
    raw.put(
        "iso_timestamp",
        local.withSecond(0).format(DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:00.000'Z'")));
    raw.put(
        "timestamp",
        local.format(US_DATE)
            + " "
            + String.format(
                "%02d:%02d %s", hour12, local.getMinute(), amPm.toLowerCase(Locale.ROOT)));
    return raw;
  }

  /**
   * Knack's {@code filters}: {@code {"match": "and" | "or", "rules": [{"field", "operator": "is",
   * "value"}]}} (Knack API docs, "Filters": "match" combines the rules with "and" or "or"; the
   * pipelines find records by key with one "or" of "is" rules).
   */
  private record Filter(boolean any, List<String[]> rules) {
    static Filter parse(String json) {
      List<String[]> rules = new ArrayList<>();
      boolean any = false;
      if (json != null) {
        try {
          JsonNode filters = Json.MAPPER.readTree(json);
          any = filters.path("match").asText("and").equals("or");
          for (JsonNode rule : filters.path("rules")) {
            if (!rule.path("operator").asText().equals("is")) {
              throw new BadRequest("only the 'is' operator is emulated");
            }
            rules.add(new String[] {rule.path("field").asText(), rule.path("value").asText()});
          }
        } catch (IOException e) {
          throw new BadRequest("filters is not JSON");
        }
      }
      return new Filter(any, rules);
    }

    boolean matches(ObjectNode raw) {
      if (rules.isEmpty()) {
        return true;
      }
      for (String[] rule : rules) {
        String stored = Json.canonicalText(raw.get(rule[0]));
        if (rule[1].equals(stored == null ? "" : stored) == any) {
          return any;
        }
      }
      return !any;
    }
  }

  /** A request the API refuses with 400 and Knack's error body. */
  private static final class BadRequest extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final transient ObjectNode body = Json.MAPPER.createObjectNode();

    BadRequest(String message) {
      super(message);
      body.putArray("errors").addObject().put("message", message);
    }

    BadRequest(String field, String message) {
      super(message);
      body.putArray("errors").addObject().put("field", field).put("message", message);
    }
  }

  /** For tests that need every page's first answers to be short or empty again. */
  public void resetShortPages() {
    apps.values()
        .forEach(
            app ->
                app.objects
                    .values()
                    .forEach(
                        object -> {
                          object.servedShort.clear();
                          object.emptyAnswers.clear();
                        }));
  }
}
