package gov.austintexas.atd.transforms.socrata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import gov.austintexas.atd.standins.socrata.SocrataEmulator;
import gov.austintexas.atd.transforms.json.Json;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The production client against the emulator, over real HTTP. */
class SocrataClientTest {
  private static final String TOKEN = "app-token-1";
  private static final String SECRET = "s3cret-Key-Secret";
  private SocrataEmulator socrata;

  @BeforeEach
  void start() throws Exception {
    socrata = SocrataEmulator.start().addAppToken(TOKEN).addUser("key-id", SECRET);
    socrata.createDataset("abcd-1234", List.of("id", "name"), "id");
  }

  @AfterEach
  void stop() {
    socrata.close();
  }

  private SocrataConnection connection(String token, String secret) {
    return SocrataConnection.of(socrata.baseUrl().toString(), token, "key-id", secret)
        .withTimeout(Duration.ofSeconds(5))
        .withMaxRetries(4)
        .withBackoff(Duration.ofMillis(5), Duration.ofMillis(40));
  }

  private SocrataClient client() {
    return new SocrataClient(connection(TOKEN, SECRET));
  }

  private static List<ObjectNode> rows(int from, int to) {
    List<ObjectNode> rows = new ArrayList<>();
    for (int i = from; i < to; i++) {
      rows.add(Json.MAPPER.createObjectNode().put("id", "r" + i).put("name", "row " + i));
    }
    return rows;
  }

  @Test
  void upsertAndReadAllPages() {
    SocrataClient client = new SocrataClient(connection(TOKEN, SECRET).withReadPageSize(3));

    assertEquals(new SocrataCounts(7, 0, 0, 0), client.upsert("abcd-1234", rows(0, 7)));
    assertEquals(new SocrataCounts(1, 2, 0, 0), client.upsert("abcd-1234", rows(5, 8)));
    assertEquals(rows(0, 8), client.readAll("abcd-1234"));
    assertEquals(
        3, socrata.requests("GET", "abcd-1234"), "pages of 3: 3, 3, 2 rows, and no fourth");
    assertEquals(Optional.of("id"), client.rowIdentifier("abcd-1234"));
    assertEquals(
        new SocrataClient.Schema(List.of("id", "name"), Optional.of("id")),
        client.schema("abcd-1234"));
  }

  @Test
  void serverErrorsRateLimitsAndAcceptedAreRetried() {
    socrata
        .faults()
        .failRequests("POST", "abcd-1234", 1, 1, 500)
        .failRequests("POST", "abcd-1234", 2, 1, 429)
        .failRequests("POST", "abcd-1234", 3, 1, 202)
        .failRequests("POST", "abcd-1234", 4, 1, 503);

    assertEquals(new SocrataCounts(2, 0, 0, 0), client().upsert("abcd-1234", rows(0, 2)));
    assertEquals(5, socrata.requests("POST", "abcd-1234"));
    assertEquals(rows(0, 2), socrata.rows("abcd-1234"));
  }

  @Test
  void aWriteAppliedThenAnswered500IsSentAgainAndLandsOnce() {
    socrata.faults().serverErrorsAfterApplying(0.5);
    SocrataClient client = client();
    for (int i = 0; i < 20; i++) {
      client.upsert("abcd-1234", rows(i, i + 1));
    }
    assertEquals(rows(0, 20), socrata.rows("abcd-1234"));
    assertTrue(socrata.requests("POST", "abcd-1234") > 20, "some were retried");
  }

  @Test
  void aRetryAfterIsHonoured() {
    socrata.faults().rateLimitBursts(1, 1);
    new Thread(
            () -> {
              sleep(200);
              socrata.faults().rateLimitBursts(0, -1);
            })
        .start();
    long start = System.nanoTime();
    client().upsert("abcd-1234", rows(0, 1));
    long waitedMillis = (System.nanoTime() - start) / 1_000_000;
    assertTrue(waitedMillis >= 1000, "waited " + waitedMillis + " ms, the Retry-After is 1 s");
    assertEquals(rows(0, 1), socrata.rows("abcd-1234"));
  }

  @Test
  void aWrongTokenFailsAtOnceNamingTheDatasetAndNeverTheSecrets() {
    SocrataClient client = new SocrataClient(connection("wrong-token", SECRET));

    SocrataException failure =
        assertThrows(SocrataException.class, () -> client.upsert("abcd-1234", rows(0, 1)));

    assertEquals(
        "Socrata dataset abcd-1234, upsert: HTTP 401 Invalid app_token specified"
            + " (X-Socrata-RequestId emu-1)",
        failure.getMessage());
    assertEquals(1, socrata.requests());
    assertFalse(failure.getMessage().contains(SECRET));
  }

  @Test
  void aWrongSecretIs401AndNotRetried() {
    SocrataException failure =
        assertThrows(
            SocrataException.class,
            () -> new SocrataClient(connection(TOKEN, "wrong-secret")).readAll("abcd-1234"));
    assertEquals(
        "Socrata dataset abcd-1234, read: HTTP 401 Invalid username or password"
            + " (X-Socrata-RequestId emu-1)",
        failure.getMessage());
    assertEquals(401, failure.status());
    assertFalse(failure.getMessage().contains("wrong-secret"));
  }

  @Test
  void refusalsFailAtOnceWithSocratasMessage() {
    SocrataClient client = client();
    ObjectNode bad = Json.MAPPER.createObjectNode().put("id", "x").put("colour", "red");
    assertEquals(
        "Socrata dataset abcd-1234, upsert: HTTP 400 Illegal field name sent: colour"
            + " (X-Socrata-RequestId emu-1)",
        assertThrows(SocrataException.class, () -> client.upsert("abcd-1234", List.of(bad)))
            .getMessage());
    assertEquals(
        "Socrata dataset zzzz-0000, upsert: HTTP 404 Dataset zzzz-0000 does not exist"
            + " (X-Socrata-RequestId emu-2)",
        assertThrows(SocrataException.class, () -> client.upsert("zzzz-0000", rows(0, 1)))
            .getMessage());
    socrata.maxBodyBytes(10);
    assertEquals(
        "Socrata dataset abcd-1234, upsert: HTTP 413 Request entity too large (X-Socrata-RequestId"
            + " emu-3)",
        assertThrows(SocrataException.class, () -> client.upsert("abcd-1234", rows(0, 1)))
            .getMessage());
    socrata.faults().failRequests("GET", "abcd-1234", 1, 1, 403);
    assertEquals(
        "Socrata dataset abcd-1234, read: HTTP 403 Injected failure (X-Socrata-RequestId emu-4)",
        assertThrows(SocrataException.class, () -> client.readAll("abcd-1234")).getMessage());
    assertEquals(4, socrata.requests());
  }

  @Test
  void aServerThatKeepsFailingGivesUpAfterTheRetries() {
    socrata.faults().serverErrors(1);
    SocrataException failure =
        assertThrows(SocrataException.class, () -> client().upsert("abcd-1234", rows(0, 1)));
    assertEquals(
        "Socrata dataset abcd-1234, upsert: HTTP 500 Internal error (X-Socrata-RequestId emu-5)"
            + " (gave up after 5 attempts)",
        failure.getMessage());
  }

  @Test
  void aTimeoutIsRetriedThenNamed() {
    socrata.faults().latency(Duration.ofMillis(400));
    SocrataConnection impatient =
        connection(TOKEN, SECRET).withTimeout(Duration.ofMillis(100)).withMaxRetries(2);
    SocrataException failure =
        assertThrows(
            SocrataException.class, () -> new SocrataClient(impatient).readAll("abcd-1234"));
    // The request's own timeout and the whole-exchange limit are both 100 ms; either may fire
    // first.
    assertTrue(
        failure
            .getMessage()
            .matches(
                "Socrata dataset abcd-1234, read: HttpTimeoutException: (request timed out|GET"
                    + " /resource/abcd-1234.json got no complete answer within 100 ms) \\(gave up"
                    + " after 3 attempts\\)"),
        failure.getMessage());
    assertEquals(0, failure.status());
  }

  @Test
  void theConnectionNeverShowsItsSecrets() {
    SocrataConnection connection =
        SocrataConnection.of("data.austintexas.gov/", TOKEN, "key-id", SECRET);
    assertEquals(
        "SocrataConnection[https://data.austintexas.gov, user=key-id, token=****, secret=****]",
        connection.toString());
    assertEquals(
        "http://127.0.0.1:8080", SocrataConnection.baseUrl("http://127.0.0.1:8080/").toString());
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
