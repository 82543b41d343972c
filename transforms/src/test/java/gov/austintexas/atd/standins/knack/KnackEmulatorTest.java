package gov.austintexas.atd.standins.knack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import gov.austintexas.atd.standins.knack.KnackEmulator.FieldType;
import gov.austintexas.atd.transforms.json.Json;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The emulator's records API over raw HTTP, as the Knack API docs ("Records", "Filters", "Rate
 * limits") describe the service: pages with their totals, raw and formatted values, filters, the
 * error bodies, 401, 404 and the rate limit's 429 with its headers.
 */
class KnackEmulatorTest {
  private static final String APP = "app-1";
  private static final String KEY = "key-1";
  private final HttpClient http = HttpClient.newHttpClient();
  private KnackEmulator knack;

  @BeforeEach
  void start() throws Exception {
    knack = KnackEmulator.start(1000); // the limit has a test of its own
    knack.addApp(APP, KEY);
    knack.addObject(
        APP,
        "object_1",
        Map.of(
            "field_2",
            FieldType.CURRENCY,
            "field_3",
            FieldType.PARAGRAPH_TEXT,
            "field_4",
            FieldType.NUMBER,
            "field_5",
            FieldType.DATE_TIME));
  }

  @AfterEach
  void stop() {
    knack.close();
  }

  private HttpResponse<String> call(String method, String pathAndQuery, String body, String key)
      throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(knack.apiUrl() + pathAndQuery))
            .header("X-Knack-Application-Id", APP)
            .header("X-Knack-REST-API-Key", key)
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body))
            .build();
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> call(String method, String pathAndQuery, String body)
      throws Exception {
    return call(method, pathAndQuery, body, KEY);
  }

  private static JsonNode json(String text) throws Exception {
    return Json.MAPPER.readTree(text);
  }

  private List<String> insert(String... keys) throws Exception {
    List<String> ids = new ArrayList<>();
    for (String key : keys) {
      ids.add(knack.insert(APP, "object_1", (ObjectNode) json("{\"field_1\":\"" + key + "\"}")));
    }
    return ids;
  }

  private static String record(String id, String key) {
    return "{\"id\":\"" + id + "\",\"field_1\":\"" + key + "\",\"field_1_raw\":\"" + key + "\"}";
  }

  @Test
  void pagesCarryTheirTotalsAndAtMost1000Rows() throws Exception {
    List<String> ids = insert("A", "B", "C", "D", "E");

    HttpResponse<String> second =
        call("GET", "/objects/object_1/records?page=2&rows_per_page=2", null);
    assertEquals(200, second.statusCode());
    assertEquals(
        json(
            "{\"total_pages\":3,\"current_page\":2,\"total_records\":5,\"records\":["
                + record(ids.get(2), "C")
                + ","
                + record(ids.get(3), "D")
                + "]}"),
        json(second.body()));
    assertEquals(
        json(
            "{\"total_pages\":3,\"current_page\":3,\"total_records\":5,\"records\":["
                + record(ids.get(4), "E")
                + "]}"),
        json(call("GET", "/objects/object_1/records?page=3&rows_per_page=2", null).body()));
    assertEquals(
        json("{\"total_pages\":3,\"current_page\":4,\"total_records\":5,\"records\":[]}"),
        json(call("GET", "/objects/object_1/records?page=4&rows_per_page=2", null).body()));
    // 25 rows a page by default.
    assertEquals(
        5, json(call("GET", "/objects/object_1/records", null).body()).path("records").size());

    HttpResponse<String> tooMany =
        call("GET", "/objects/object_1/records?rows_per_page=1001", null);
    assertEquals(400, tooMany.statusCode());
    assertEquals(
        json("{\"errors\":[{\"message\":\"page must be 1 or more and rows_per_page 1 to 1000\"}]}"),
        json(tooMany.body()));
  }

  @Test
  void aWriteStoresRawValuesAndShowsThemFormattedUnderTheFieldKey() throws Exception {
    HttpResponse<String> created =
        call(
            "POST",
            "/objects/object_1/records",
            "{\"field_1\":2400,\"field_2\":\"-1,234.5\",\"field_3\":\"a\\n"
                + "b\",\"field_4\":\"7.50\",\"field_5\":\"2026-11-21T00:05:09\"}");
    assertEquals(200, created.statusCode());
    String id = json(created.body()).path("id").asText();
    assertEquals(
        json(
            "{\"id\":\""
                + id
                + "\",\"field_1\":\"2400\",\"field_1_raw\":\"2400\",\"field_2\":\"-$1,234.50\",\"field_2_raw\":\"-1,234.50\",\"field_3\":\"a<br"
                + " />b\",\"field_3_raw\":\"a\\n"
                + "b\",\"field_4\":\"7.5\",\"field_4_raw\":7.50,\"field_5\":\"11/21/2026 12:05"
                + " am\",\"field_5_raw\":{\"date\":\"11/21/2026\","
                + "\"date_formatted\":\"11/21/2026\",\"hours\":\"12\",\"minutes\":\"05\",\"am_pm\":\"AM\","
                + "\"unix_timestamp\":1795219509000,\"iso_timestamp\":\"2026-11-21T00:05:00.000Z\",\"timestamp\":\"11/21/2026"
                + " 12:05 am\"}}"),
        json(created.body()));

    // An update changes the fields it names, and an empty value is stored as "".
    HttpResponse<String> updated =
        call("PUT", "/objects/object_1/records/" + id, "{\"field_2\":null,\"field_6\":\"new\"}");
    assertEquals(200, updated.statusCode());
    JsonNode shown = json(updated.body());
    assertEquals("\"\"", shown.path("field_2_raw").toString());
    assertEquals("", shown.path("field_2").asText());
    assertEquals("new", shown.path("field_6_raw").asText());
    assertEquals("2400", shown.path("field_1_raw").asText());
    assertEquals(List.of(shown), knack.records(APP, "object_1"));

    HttpResponse<String> refused =
        call("POST", "/objects/object_1/records", "{\"field_4\":\"many\"}");
    assertEquals(400, refused.statusCode());
    assertEquals(
        json("{\"errors\":[{\"field\":\"field_4\",\"message\":\"'many' is not a number\"}]}"),
        json(refused.body()));
    HttpResponse<String> notJson = call("POST", "/objects/object_1/records", "[1]");
    assertEquals(
        json("{\"errors\":[{\"message\":\"the body must be a JSON object\"}]}"),
        json(notJson.body()));
    assertEquals(1, knack.records(APP, "object_1").size(), "a refused write stores nothing");
  }

  @Test
  void filtersMatchIsRulesWithAndOrOr() throws Exception {
    List<String> ids = insert("A", "B", "C");
    knack.insert(APP, "object_1", (ObjectNode) json("{\"field_1\":\"B\",\"field_6\":\"x\"}"));

    assertEquals(
        List.of("A", "C"),
        keys(
            filtered(
                "{\"match\":\"or\",\"rules\":[{\"field\":\"field_1\",\"operator\":\"is\","
                    + "\"value\":\"A\"},{\"field\":\"field_1\",\"operator\":\"is\",\"value\":\"C\"},{\"field\":\"field_1\","
                    + "\"operator\":\"is\",\"value\":\"Z\"}]}")));
    assertEquals(
        List.of("B"),
        keys(
            filtered(
                "{\"match\":\"and\",\"rules\":[{\"field\":\"field_1\",\"operator\":\"is\","
                    + "\"value\":\"B\"},{\"field\":\"field_6\",\"operator\":\"is\",\"value\":\"x\"}]}")));
    assertEquals(
        List.of(ids.get(1)),
        filtered(
                "{\"match\":\"and\",\"rules\":[{\"field\":\"field_1\",\"operator\":\"is\","
                    + "\"value\":\"B\"},{\"field\":\"field_6\",\"operator\":\"is\",\"value\":\"\"}]}")
            .findValuesAsText("id"));

    HttpResponse<String> other =
        call(
            "GET",
            "/objects/object_1/records?filters="
                + encode(
                    "{\"match\":\"and\",\"rules\":[{\"field\":\"field_1\",\"operator\":\"contains\",\"value\":\"A\"}]}"),
            null);
    assertEquals(400, other.statusCode());
    assertEquals(
        json("{\"errors\":[{\"message\":\"only the 'is' operator is emulated\"}]}"),
        json(other.body()));
    HttpResponse<String> broken =
        call("GET", "/objects/object_1/records?filters=" + encode("{not json"), null);
    assertEquals(json("{\"errors\":[{\"message\":\"filters is not JSON\"}]}"), json(broken.body()));
  }

  private JsonNode filtered(String filters) throws Exception {
    HttpResponse<String> answer =
        call(
            "GET", "/objects/object_1/records?rows_per_page=1000&filters=" + encode(filters), null);
    assertEquals(200, answer.statusCode(), answer.body());
    JsonNode body = json(answer.body());
    assertEquals(body.path("records").size(), body.path("total_records").asInt());
    return body.path("records");
  }

  private static List<String> keys(JsonNode records) {
    return records.findValuesAsText("field_1_raw");
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }

  @Test
  void aWrongKeyIs401AndWhatDoesNotExistIs404WithKnacksErrorBody() throws Exception {
    String id = insert("A").get(0);

    HttpResponse<String> wrongKey = call("GET", "/objects/object_1/records", null, "wrong-key");
    assertEquals(401, wrongKey.statusCode());
    assertEquals(
        json("{\"errors\":[{\"message\":\"Invalid API key or application id\"}]}"),
        json(wrongKey.body()));

    HttpResponse<String> noObject = call("GET", "/objects/object_9/records", null);
    assertEquals(404, noObject.statusCode());
    assertEquals(
        json("{\"errors\":[{\"message\":\"Object object_9 not found\"}]}"), json(noObject.body()));
    HttpResponse<String> noRecord =
        call("PUT", "/objects/object_1/records/5f3a0000ffff", "{\"field_1\":\"B\"}");
    assertEquals(404, noRecord.statusCode());
    assertEquals(
        json("{\"errors\":[{\"message\":\"Record 5f3a0000ffff not found\"}]}"),
        json(noRecord.body()));
    assertEquals(404, call("GET", "/scenes/scene_1/views", null).statusCode());

    HttpResponse<String> deleted = call("DELETE", "/objects/object_1/records/" + id, null);
    assertEquals(200, deleted.statusCode());
    assertEquals(json("{\"delete\":true}"), json(deleted.body()));
    assertEquals(
        json("{\"errors\":[{\"message\":\"Record " + id + " not found\"}]}"),
        json(call("DELETE", "/objects/object_1/records/" + id, null).body()));
    assertEquals(List.of(), knack.records(APP, "object_1"));
    assertEquals(
        List.of(
            "GET /v1/objects/object_1/records 401",
            "GET /v1/objects/object_9/records 404",
            "PUT /v1/objects/object_1/records/5f3a0000ffff 404",
            "GET /v1/scenes/scene_1/views 404",
            "DELETE /v1/objects/object_1/records/" + id + " 200",
            "DELETE /v1/objects/object_1/records/" + id + " 404"),
        knack.requestLog().stream().map(KnackEmulator.Request::toString).toList());
  }

  @Test
  void overTheLimitIs429WithTheResetSecondAfterWhichRequestsPassAgain() throws Exception {
    knack.close();
    knack = KnackEmulator.start(1); // one request a second
    knack.addApp(APP, KEY);
    knack.addObject(APP, "object_1", Map.of());

    assertEquals(200, call("GET", "/objects/object_1/records", null).statusCode());
    // Requests in a row until one is over: on a busy machine two calls may be a second apart, and
    // then the second passes, as it would at Knack.
    HttpResponse<String> over = call("GET", "/objects/object_1/records", null);
    for (int calls = 2; over.statusCode() == 200 && calls < 20; calls++) {
      over = call("GET", "/objects/object_1/records", null);
    }
    long now = System.currentTimeMillis();

    assertEquals(429, over.statusCode());
    assertEquals(json("{\"errors\":[{\"message\":\"Rate limit exceeded\"}]}"), json(over.body()));
    assertEquals("1", over.headers().firstValue("X-RateLimit-Limit").orElseThrow());
    assertEquals("0", over.headers().firstValue("X-RateLimit-Remaining").orElseThrow());
    long reset = Long.parseLong(over.headers().firstValue("X-RateLimit-Reset").orElseThrow());
    assertTrue(
        reset * 1000 > now - 1000 && reset * 1000 <= now + 2000, "reset " + reset + " at " + now);
    assertEquals(1, knack.limitRejections());

    Thread.sleep(Math.max(0, reset * 1000 - System.currentTimeMillis()) + 50);
    assertEquals(
        200, call("GET", "/objects/object_1/records", null).statusCode(), "after the reset second");
    assertEquals(1, knack.limitRejections());
  }
}
