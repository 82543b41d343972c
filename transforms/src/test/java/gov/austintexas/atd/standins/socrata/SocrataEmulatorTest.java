package gov.austintexas.atd.standins.socrata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import gov.austintexas.atd.transforms.json.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The emulator's contract over raw HTTP: the portal's behaviour the pipelines rely on. */
class SocrataEmulatorTest {
  private static final String AUTH =
      "Basic " + Base64.getEncoder().encodeToString("user:pass".getBytes(StandardCharsets.UTF_8));
  private final HttpClient http = HttpClient.newHttpClient();
  private SocrataEmulator socrata;

  @BeforeEach
  void start() throws Exception {
    socrata = SocrataEmulator.start().addAppToken("token").addUser("user", "pass");
    socrata.createDataset("keys-0001", List.of("id", "name", "amount"), "id");
    socrata.createDataset("rows-0001", List.of("name"), null);
  }

  @AfterEach
  void stop() {
    socrata.close();
  }

  private HttpResponse<String> call(
      String method, String path, String body, String token, String auth) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(socrata.baseUrl() + path))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (token != null) {
      request.header("X-App-Token", token);
    }
    if (auth != null) {
      request.header("Authorization", auth);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> call(String method, String path, String body) throws Exception {
    return call(method, path, body, "token", AUTH);
  }

  private static JsonNode json(String text) throws Exception {
    return Json.MAPPER.readTree(text);
  }

  private String stored(String dataset) {
    return socrata.rows(dataset).toString();
  }

  @Test
  void upsertCreatesUpdatesAndDeletesByRowIdentifier() throws Exception {
    HttpResponse<String> first =
        call(
            "POST",
            "/resource/keys-0001.json",
            "[{\"id\":\"a\",\"name\":\"A\",\"amount\":1.50},{\"id\":\"b\",\"name\":\"B\",\"amount\":null},{\"id\":\"c\",\"name\":\"C\"}]");
    assertEquals(200, first.statusCode());
    assertEquals(
        json(
            "{\"Errors\":0,\"Rows Deleted\":0,\"Rows Updated\":0,\"By SID\":0,\"Rows"
                + " Created\":3,\"By RowIdentifier\":0}"),
        json(first.body()));
    assertEquals("emu-1", first.headers().firstValue("X-Socrata-RequestId").orElseThrow());

    HttpResponse<String> second =
        call(
            "POST",
            "/resource/keys-0001.json",
            "[{\"id\":\"a\",\"amount\":null,\"name\":\"A2\"},{\"id\":\"c\",\":deleted\":true},{\"id\":\"zz\",\":deleted\":true},{\"id\":\"d\"}]");
    assertEquals(
        json(
            "{\"Errors\":1,\"Rows Deleted\":1,\"Rows Updated\":1,\"By SID\":0,\"Rows"
                + " Created\":1,\"By RowIdentifier\":0}"),
        json(second.body()));
    assertEquals(
        "[{\"id\":\"a\",\"name\":\"A2\"}, {\"id\":\"b\",\"name\":\"B\"}, {\"id\":\"d\"}]",
        stored("keys-0001"));
  }

  @Test
  void keysMatchFieldNamesCaseInsensitivelyAsThePortalDoes() throws Exception {
    call(
        "POST",
        "/resource/keys-0001.json",
        "[{\"ID\":\"a\",\"Name\":\"A\"},{\"id\":\"b\",\"NAME\":\"B\"}]");
    HttpResponse<String> update =
        call("POST", "/resource/keys-0001.json", "[{\"Id\":\"a\",\"AMOUNT\":2}]");
    assertEquals(
        1,
        json(update.body()).path("Rows Updated").asInt(),
        "the row identifier matched whatever its case");
    assertEquals(
        "[{\"id\":\"a\",\"name\":\"A\",\"amount\":2}, {\"id\":\"b\",\"name\":\"B\"}]",
        stored("keys-0001"));
    assertEquals(
        "[{\"id\":\"a\",\"name\":\"A\",\"amount\":2},{\"id\":\"b\",\"name\":\"B\"}]",
        call("GET", "/resource/keys-0001.json?$order=NAME", null).body());
    HttpResponse<String> illegal =
        call("POST", "/resource/keys-0001.json", "[{\"ID\":\"c\",\"COLOUR\":\"red\"}]");
    assertEquals(
        "{\"message\":\"Illegal field name sent: COLOUR\",\"error\":true}", illegal.body());
    assertThrows(
        IllegalArgumentException.class,
        () -> socrata.createDataset("upper-0001", List.of("ID"), "ID"),
        "the portal's field names are lower case");
  }

  @Test
  void aRevisionChangesTheRowsOnlyWhenItsJobSucceeds() throws Exception {
    call("POST", "/resource/rows-0001.json", "[{\"name\":\"old\"}]");
    JsonNode revision =
        json(
            call(
                    "POST",
                    "/api/publishing/v1/revision/rows-0001",
                    "{\"action\":{\"type\":\"replace\"}}")
                .body());
    assertEquals(1, revision.path("resource").path("revision_seq").asInt());
    JsonNode source =
        json(
            call(
                    "POST",
                    revision.path("links").path("create_source").asText(),
                    "{\"source_type\":{\"type\":\"upload\",\"filename\":\"rows.csv\"}}")
                .body());
    String chunk = source.path("links").path("chunk").asText();
    String commit = source.path("links").path("commit").asText();
    call("POST", chunk.replace("{seq_num}", "0").replace("{byte_offset}", "0"), "NAME\r\nx\r\n");
    call("POST", chunk.replace("{seq_num}", "1").replace("{byte_offset}", "9"), "y\r\n");
    call(
        "POST",
        chunk.replace("{seq_num}", "1").replace("{byte_offset}", "9"),
        "y\r\n"); // a retry takes its own place
    HttpResponse<String> short_ =
        call("POST", commit.replace("{seq_num}", "1").replace("{byte_offset}", "20"), null);
    assertEquals(400, short_.statusCode(), short_.body());
    JsonNode committed =
        json(
            call("POST", commit.replace("{seq_num}", "1").replace("{byte_offset}", "12"), null)
                .body());
    JsonNode output =
        committed.path("resource").path("schemas").get(0).path("output_schemas").get(0);
    assertEquals(0, output.path("error_count").asInt());
    assertEquals(2, committed.path("resource").path("schemas").get(0).path("total_rows").asInt());
    assertEquals("[{\"name\":\"old\"}]", stored("rows-0001"), "nothing changes before the apply");

    String apply = revision.path("links").path("apply").asText();
    assertEquals(
        200,
        call("PUT", apply, "{\"output_schema_id\":" + output.path("id").asLong() + "}")
            .statusCode());
    assertEquals("[{\"name\":\"old\"}]", stored("rows-0001"), "nor before the job has run");
    JsonNode done = json(call("GET", revision.path("links").path("show").asText(), null).body());
    assertEquals(
        "successful", done.path("resource").path("task_sets").get(0).path("status").asText());
    assertEquals("[{\"name\":\"x\"}, {\"name\":\"y\"}]", stored("rows-0001"));
    assertEquals(
        400,
        call("PUT", apply, "{\"output_schema_id\":" + output.path("id").asLong() + "}")
            .statusCode(),
        "an applied revision is closed");
    assertEquals(0, socrata.openRevisions("rows-0001"));
  }

  @Test
  void withoutARowIdentifierEveryRowIsCreated() throws Exception {
    call("POST", "/resource/rows-0001.json", "[{\"name\":\"x\"}]");
    HttpResponse<String> again =
        call("POST", "/resource/rows-0001.json", "[{\"name\":\"x\"},{\"name\":\"y\"}]");
    assertEquals(2, json(again.body()).path("Rows Created").asInt());
    assertEquals("[{\"name\":\"x\"}, {\"name\":\"x\"}, {\"name\":\"y\"}]", stored("rows-0001"));
  }

  @Test
  void putReplacesEveryRow() throws Exception {
    call("POST", "/resource/keys-0001.json", "[{\"id\":\"a\"},{\"id\":\"b\"}]");
    HttpResponse<String> put =
        call("PUT", "/resource/keys-0001.json", "[{\"id\":\"c\",\"name\":\"C\"}]");
    assertEquals(
        json(
            "{\"Errors\":0,\"Rows Deleted\":2,\"Rows Updated\":0,\"By SID\":0,\"Rows"
                + " Created\":1,\"By RowIdentifier\":0}"),
        json(put.body()));
    assertEquals("[{\"id\":\"c\",\"name\":\"C\"}]", stored("keys-0001"));
  }

  @Test
  void readsPagesInRowOrderOrByAField() throws Exception {
    call(
        "POST",
        "/resource/keys-0001.json",
        "[{\"id\":\"c\"},{\"id\":\"a\"},{\"id\":\"b\"},{\"id\":\"d\"}]");
    assertEquals(
        "[{\"id\":\"a\"},{\"id\":\"b\"}]",
        call("GET", "/resource/keys-0001.json?$limit=2&$offset=1&$order=:id", null).body());
    assertEquals(
        "[{\"id\":\"d\"}]",
        call("GET", "/resource/keys-0001.json?$limit=2&$offset=3&$order=:id", null).body());
    assertEquals(
        "[{\"id\":\"c\"},{\"id\":\"d\"}]",
        call("GET", "/resource/keys-0001.json?$limit=2&$offset=2&$order=id", null).body());
  }

  @Test
  void metadataNamesTheColumnsAndTheRowIdentifier() throws Exception {
    assertEquals(
        json(
            "{\"id\":\"keys-0001\",\"name\":\"keys-0001\",\"columns\":["
                + "{\"id\":1000,\"fieldName\":\"id\",\"name\":\"id\",\"dataTypeName\":\"text\"},"
                + "{\"id\":1001,\"fieldName\":\"name\",\"name\":\"name\",\"dataTypeName\":\"text\"},"
                + "{\"id\":1002,\"fieldName\":\"amount\",\"name\":\"amount\",\"dataTypeName\":\"text\"}],"
                + "\"rowIdentifierColumnId\":1000}"),
        json(call("GET", "/api/views/keys-0001.json", null).body()));
  }

  @Test
  void refusalsHaveSocratasStatusAndBody() throws Exception {
    HttpResponse<String> badToken = call("GET", "/resource/keys-0001.json", null, "nope", AUTH);
    assertEquals(401, badToken.statusCode());
    assertEquals(
        "{\"code\":\"invalid_app_token\",\"error\":true,\"message\":\"Invalid app_token"
            + " specified\"}",
        badToken.body());
    HttpResponse<String> badPassword =
        call(
            "GET",
            "/resource/keys-0001.json",
            null,
            "token",
            "Basic "
                + Base64.getEncoder()
                    .encodeToString("user:wrong".getBytes(StandardCharsets.UTF_8)));
    assertEquals(401, badPassword.statusCode());
    assertEquals(
        "{\"code\":\"authentication_required\",\"error\":true,\"message\":\"Invalid username or"
            + " password\"}",
        badPassword.body());
    assertEquals(401, call("GET", "/resource/keys-0001.json", null, "token", null).statusCode());

    HttpResponse<String> illegal =
        call(
            "POST",
            "/resource/keys-0001.json",
            "[{\"id\":\"a\"},{\"id\":\"b\",\"color\":\"red\"}]");
    assertEquals(400, illegal.statusCode());
    assertEquals("{\"message\":\"Illegal field name sent: color\",\"error\":true}", illegal.body());
    assertEquals("[]", stored("keys-0001"), "nothing of a refused request is applied");

    HttpResponse<String> missing = call("POST", "/resource/none-0001.json", "[]");
    assertEquals(404, missing.statusCode());
    assertEquals(
        "{\"code\":\"not_found\",\"error\":true,\"message\":\"Dataset none-0001 does not exist\"}",
        missing.body());

    socrata.maxBodyBytes(20);
    HttpResponse<String> large =
        call("POST", "/resource/keys-0001.json", "[{\"id\":\"a\"},{\"id\":\"b\"}]");
    assertEquals(413, large.statusCode());
    assertEquals("[]", stored("keys-0001"));
    assertTrue(large.headers().firstValue("X-Socrata-RequestId").isPresent());
  }

  @Test
  void faultsFailChosenRequestsAndSomeAreAppliedFirst() throws Exception {
    socrata.faults().failRequests("POST", "keys-0001", 2, 2, 503);
    List<Integer> statuses = new java.util.ArrayList<>();
    for (int i = 0; i < 4; i++) {
      statuses.add(
          call("POST", "/resource/keys-0001.json", "[{\"id\":\"r" + i + "\"}]").statusCode());
    }
    assertEquals(List.of(200, 503, 503, 200), statuses);
    assertEquals("[{\"id\":\"r0\"}, {\"id\":\"r3\"}]", stored("keys-0001"));

    socrata.faults().none().serverErrorsAfterApplying(1);
    assertEquals(500, call("POST", "/resource/keys-0001.json", "[{\"id\":\"late\"}]").statusCode());
    assertEquals(3, socrata.rows("keys-0001").size(), "applied, then answered 500");

    socrata.faults().none().accepted(1);
    assertEquals(
        202, call("POST", "/resource/keys-0001.json", "[{\"id\":\"later\"}]").statusCode());
    assertEquals(3, socrata.rows("keys-0001").size(), "a 202 is not applied");

    socrata.faults().none().rateLimitBursts(1, 7);
    HttpResponse<String> throttled = call("GET", "/resource/keys-0001.json", null);
    assertEquals(429, throttled.statusCode());
    assertEquals("7", throttled.headers().firstValue("Retry-After").orElseThrow());
    assertEquals(7, socrata.requests("POST", "keys-0001") + socrata.requests("GET", "keys-0001"));
  }
}
