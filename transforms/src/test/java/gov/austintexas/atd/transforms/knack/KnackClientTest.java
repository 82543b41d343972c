package gov.austintexas.atd.transforms.knack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import gov.austintexas.atd.standins.knack.KnackEmulator;
import gov.austintexas.atd.standins.knack.KnackEmulator.FieldType;
import gov.austintexas.atd.transforms.json.Json;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The production client against the emulator, over real HTTP. */
class KnackClientTest {
  private KnackEmulator knack;

  @BeforeEach
  void start() throws Exception {
    knack = KnackEmulator.start();
    knack.addApp("app-1", "key-1");
    knack.addObject(
        "app-1",
        "object_1",
        Map.of(
            "field_1",
            FieldType.SHORT_TEXT,
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

  private KnackApp app(String key, Duration timeout) {
    return new KnackApp(
        "test-app", "app-1", key, knack.apiUrl(), 10, timeout, 6, Duration.ofMillis(10));
  }

  private static ObjectNode record(String json) throws Exception {
    return (ObjectNode) Json.MAPPER.readTree(json);
  }

  @Test
  void createsAndUpdatesWithKnacksRawAndFormattedValues() throws Exception {
    KnackClient client = new KnackClient(app("key-1", Duration.ofSeconds(30)));

    ObjectNode created =
        client.create(
            "object_1",
            record(
                "{\"field_1\":2400,\"field_2\":\"1,234.50\",\"field_3\":\"a,\\n"
                    + "b\",\"field_4\":\"7.50\",\"field_5\":\"2026-11-21T13:05:09\"}"),
            "field_1",
            "2400");
    String id = created.path("id").asText();
    assertEquals(
        record(
            "{\"id\":\""
                + id
                + "\",\"field_1\":\"2400\",\"field_1_raw\":\"2400\",\"field_2\":\"$1,234.50\",\"field_2_raw\":\"1,234.50\",\"field_3\":\"a,<br"
                + " />b\",\"field_3_raw\":\"a,\\n"
                + "b\",\"field_4\":\"7.5\",\"field_4_raw\":7.50,\"field_5\":\"11/21/2026 01:05"
                + " pm\",\"field_5_raw\":{\"date\":\"11/21/2026\","
                + "\"date_formatted\":\"11/21/2026\",\"hours\":\"01\",\"minutes\":\"05\",\"am_pm\":\"PM\","
                + "\"unix_timestamp\":1795266309000,\"iso_timestamp\":\"2026-11-21T13:05:00.000Z\",\"timestamp\":\"11/21/2026"
                + " 01:05 pm\"}}"),
        created);

    client.update("object_1", id, record("{\"field_2\":-0.5}"));
    assertEquals("-0.50", knack.records("app-1", "object_1").get(0).path("field_2_raw").asText());
    assertEquals(
        List.of(id),
        client.findByKeys("object_1", "field_1", List.of("2400")).stream()
            .map(r -> r.path("id").asText())
            .toList());
    assertEquals(List.of(), client.findByKeys("object_1", "field_1", List.of("2401")));
  }

  @Test
  void oneLookupFindsTheRecordsOfManyKeysWithAnOrFilter() throws Exception {
    for (String key : List.of("A", "B", "C", "D")) {
      knack.insert("app-1", "object_1", record("{\"field_1\":\"" + key + "\"}"));
    }
    KnackClient client = new KnackClient(app("key-1", Duration.ofSeconds(30)));

    List<String> found =
        client.findByKeys("object_1", "field_1", List.of("B", "D", "E")).stream()
            .map(r -> r.path("field_1_raw").asText())
            .sorted()
            .toList();

    assertEquals(List.of("B", "D"), found);
    assertEquals(1, knack.requests());
  }

  @Test
  void aPageAnswered200WithoutRecordsFailsNamingThePage() {
    knack.faults().pageWithoutRecords(1);
    KnackClient client = new KnackClient(app("key-1", Duration.ofSeconds(30)));

    KnackException failure =
        assertThrows(KnackException.class, () -> client.listRecords("object_1", 1, 10));
    assertEquals(
        "Knack app test-app, object_1: page 1 was answered 200 without \"records\""
            + " ({\"total_pages\":0,\"current_page\":1,\"total_records\":0}); stopping before any"
            + " write rather than planning from an incomplete read",
        failure.getMessage());
  }

  @Test
  void aWrongKeyFailsAtOnceNamingTheAppAndObject() {
    KnackClient client = new KnackClient(app("wrong-key", Duration.ofSeconds(30)));

    KnackException failure =
        assertThrows(KnackException.class, () -> client.listRecords("object_1", 1, 10));
    assertEquals(
        "Knack app test-app, object_1: HTTP 401 Invalid API key or application id",
        failure.getMessage());
    assertEquals(1, knack.requests(), "a 401 is not retried");
  }

  @Test
  void anUnknownObjectIs404AndNotRetried() {
    KnackClient client = new KnackClient(app("key-1", Duration.ofSeconds(30)));

    KnackException failure =
        assertThrows(KnackException.class, () -> client.listRecords("object_9", 1, 10));
    assertEquals(
        "Knack app test-app, object_9: HTTP 404 Object object_9 not found", failure.getMessage());
    assertFalse(
        failure.fatal(),
        "a 404 belongs to one record (one deleted since the read), not to the run");
    assertEquals(1, knack.requests());
  }

  @Test
  void aBadValueIs400AndNotRetried() throws Exception {
    KnackClient client = new KnackClient(app("key-1", Duration.ofSeconds(30)));

    KnackException failure =
        assertThrows(
            KnackException.class,
            () -> client.create("object_1", record("{\"field_4\":\"many\"}"), "field_1", "x"));
    assertEquals(
        "Knack app test-app, object_1: HTTP 400 'many' is not a number", failure.getMessage());
    assertEquals(1, knack.requests());
  }

  @Test
  void serverErrorsAndRateLimitBurstsAreRetried() throws Exception {
    knack.faults().serverErrors(0.3).rateLimitBursts(0.2);
    KnackClient client = new KnackClient(app("key-1", Duration.ofSeconds(30)));
    List<String> keys = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      keys.add("r" + i);
      client.create("object_1", record("{\"field_1\":\"r" + i + "\"}"), "field_1", "r" + i);
    }

    assertEquals(
        keys,
        knack.records("app-1", "object_1").stream()
            .map(r -> r.path("field_1_raw").asText())
            .toList());
    // Every request, in order, is what the retry rules make of the emulator's answers: a create is
    // sent again after a 429 or a 503, and after a 503 (it may have been applied) each further
    // attempt first looks its key up. Nothing else is sent.
    List<KnackEmulator.Request> log = knack.requestLog();
    int next = 0;
    Map<Integer, Integer> faults = new TreeMap<>();
    for (String key : keys) {
      boolean lookUpFirst = false;
      while (true) {
        if (lookUpFirst) {
          KnackEmulator.Request lookup = log.get(next++);
          assertEquals(
              "GET /v1/objects/object_1/records?rows_per_page=1000&filters={\"match\":\"or\",\"rules\":"
                  + "[{\"field\":\"field_1\",\"operator\":\"is\",\"value\":\""
                  + key
                  + "\"}]}",
              lookup.method() + " " + lookup.pathAndQuery(),
              "request " + next + " of " + log);
          if (lookup.status() != 200) {
            faults.merge(lookup.status(), 1, Integer::sum);
            continue;
          }
        }
        KnackEmulator.Request create = log.get(next++);
        assertEquals(
            "POST /v1/objects/object_1/records",
            create.method() + " " + create.pathAndQuery(),
            "request " + next + " of " + log);
        if (create.status() == 200) {
          break;
        }
        faults.merge(create.status(), 1, Integer::sum);
        lookUpFirst |= create.status() == 503;
      }
    }
    assertEquals(log.size(), next, "requests beyond the creates and their retries: " + log);
    assertEquals(log.size(), knack.requests());
    assertEquals(Set.of(429, 503), faults.keySet(), "both faults were met and retried: " + log);
    assertEquals(0, knack.limitRejections(), "the client kept under the app's limit");
  }

  @Test
  void aResponseSlowerThanTheTimeoutIsRetriedThenFailsNamingTheCause() {
    knack.faults().latency(Duration.ofMillis(800));
    KnackApp impatient =
        new KnackApp(
            "test-app",
            "app-1",
            "key-1",
            knack.apiUrl(),
            10,
            Duration.ofMillis(300),
            2,
            Duration.ofMillis(10));

    KnackException failure =
        assertThrows(
            KnackException.class, () -> new KnackClient(impatient).listRecords("object_1", 1, 10));

    assertEquals(
        "Knack app test-app, object_1: HttpTimeoutException: GET /v1/objects/object_1/records got"
            + " no complete answer within 300 ms",
        failure.getMessage());
    assertEquals(3, knack.requests(), "the first try and two retries");
  }

  @Test
  void aCreateAppliedButNotAnsweredIsLookedUpNotSentTwice() throws Exception {
    knack.faults().lateCreates(1.0, Duration.ofMillis(1500));
    KnackClient client = new KnackClient(app("key-1", Duration.ofMillis(500)));

    ObjectNode created =
        client.create("object_1", record("{\"field_1\":\"TK-1\"}"), "field_1", "TK-1");

    List<ObjectNode> stored = knack.records("app-1", "object_1");
    assertEquals(1, stored.size(), "exactly one record");
    assertEquals(stored.get(0).path("id"), created.path("id"));
  }

  @Test
  void overTheLimitWaitsForTheResetItsHeadersName() throws Exception {
    knack.close();
    knack = KnackEmulator.start(2); // the server allows 2/s; the client is set to 10/s
    knack.addApp("app-1", "key-1");
    knack.addObject("app-1", "object_1", Map.of());
    KnackClient client = new KnackClient(app("key-1", Duration.ofSeconds(30)));

    for (int i = 0; i < 8; i++) {
      client.create("object_1", record("{\"field_1\":\"r" + i + "\"}"), "field_1", "r" + i);
    }

    assertEquals(8, knack.records("app-1", "object_1").size());
    assertTrue(knack.limitRejections() > 0, "the server's limit was hit and waited out");
  }
}
