package gov.austintexas.atd.transforms.socrata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import gov.austintexas.atd.standins.socrata.SocrataEmulator;
import gov.austintexas.atd.transforms.failure.Failure;
import gov.austintexas.atd.transforms.json.Json;
import gov.austintexas.atd.transforms.socrata.SocrataWriteResult.Operation;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A replace of 25,000 rows through a revision, under each of the portal's faults alone: the dataset
 * ends exactly its old rows or exactly the new ones, and a reader polling it meanwhile never sees
 * anything else. The dataset has no row identifier, like the bond datasets, so a row landing twice
 * would show. Plain Java on the replace itself ({@link SocrataIOTest} runs it in a pipeline).
 */
class RevisionReplaceTest {
  private static final String DATASET = "bond-0001";
  private static final int ROWS = 25_000;
  private static final String TOKEN = "app-token-2";
  private static final String SECRET = "key-secret-2";
  private SocrataEmulator socrata;
  private List<ObjectNode> oldRows;
  private List<ObjectNode> newRows;

  @BeforeEach
  void start() throws Exception {
    // About 750 kB of CSV: four chunks of at most 200 kB.
    socrata =
        SocrataEmulator.start()
            .addAppToken(TOKEN)
            .addUser("key-id", SECRET)
            .preferredChunkBytes(200_000);
    socrata.createDataset(DATASET, List.of("id", "name", "amount"), null);
    socrata.insert(DATASET, SocrataIOTest.asUploaded(rows("old", ROWS)));
    oldRows = socrata.rows(DATASET);
    newRows = SocrataIOTest.asUploaded(rows("new", ROWS));
  }

  @AfterEach
  void stop() {
    socrata.close();
  }

  /** {@code prefix0} to {@code prefix<n-1>}, each with an exact amount. */
  static List<ObjectNode> rows(String prefix, int n) {
    List<ObjectNode> rows = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      rows.add(
          Json.MAPPER
              .createObjectNode()
              .put("id", prefix + i)
              .put("name", "row " + i)
              .put("amount", new BigDecimal(i + ".05")));
    }
    return rows;
  }

  private SocrataConnection connection() {
    return SocrataConnection.of(socrata.baseUrl().toString(), TOKEN, "key-id", SECRET)
        .withTimeout(Duration.ofSeconds(10))
        .withMaxRetries(8)
        .withBackoff(Duration.ofMillis(2), Duration.ofMillis(20))
        .withPolling(Duration.ofMillis(2), Duration.ofSeconds(20));
  }

  private SocrataWriteResult replace() {
    return new RevisionReplace(
            new SocrataClient(connection()), connection(), DATASET, 10_000, false)
        .run(rows("new", ROWS));
  }

  /**
   * Replaces while another thread reads the dataset as fast as it can; every read is old or new.
   */
  private SocrataWriteResult replaceWhileReading() throws Exception {
    AtomicBoolean done = new AtomicBoolean();
    AtomicInteger reads = new AtomicInteger();
    List<String> partial = new ArrayList<>();
    Thread reader =
        new Thread(
            () -> {
              while (!done.get()) {
                List<ObjectNode> seen = socrata.rows(DATASET);
                reads.incrementAndGet();
                if (!seen.equals(oldRows) && !seen.equals(newRows)) {
                  synchronized (partial) {
                    partial.add(
                        seen.size()
                            + " rows, from "
                            + (seen.isEmpty() ? "-" : seen.get(0).path("id").asText()));
                  }
                }
              }
            });
    reader.start();
    SocrataWriteResult result;
    try {
      result = replace();
    } finally {
      done.set(true);
      reader.join();
    }
    assertEquals(
        List.of(), partial, "a reader saw a dataset that was neither the old nor the new one");
    assertTrue(reads.get() > 1, "the reader read " + reads.get() + " times");
    return result;
  }

  private void assertReplaced(SocrataWriteResult result) {
    assertEquals(
        new SocrataWriteResult(DATASET, Operation.REPLACE, ROWS, ROWS, 0, 0, 0, List.of()), result);
    assertEquals(newRows, socrata.rows(DATASET));
    assertEquals(0, socrata.openRevisions(DATASET));
  }

  private void assertKept(SocrataWriteResult result, Failure failure) {
    assertEquals(
        new SocrataWriteResult(DATASET, Operation.REPLACE, ROWS, 0, 0, 0, 0, List.of(failure)),
        result);
    assertEquals(oldRows, socrata.rows(DATASET));
  }

  private long calls(String pathPart) {
    return socrata.requestLog().stream().filter(r -> r.pathAndQuery().contains(pathPart)).count();
  }

  @Test
  void noFault() throws Exception {
    assertReplaced(replaceWhileReading());
    assertEquals(4, calls("/chunk/"));
  }

  @Test
  void aChunkThatFailsOnceIsSentAgainAtItsOffsetAndLandsOnce() throws Exception {
    socrata.faults().failCalls("source.chunk", DATASET, 2, 1, 500);
    assertReplaced(replaceWhileReading());
    assertEquals(5, calls("/chunk/"), "four chunks and one retry");
  }

  @Test
  void serverErrorsOnAnyCallAreRetried() throws Exception {
    socrata.faults().serverErrors(0.2);
    assertReplaced(replaceWhileReading());
    assertTrue(socrata.requestLog().stream().anyMatch(r -> r.status() == 500));
  }

  @Test
  void throttlingOnAnyCallIsWaitedOut() throws Exception {
    socrata.faults().rateLimitBursts(0.2, 0);
    assertReplaced(replaceWhileReading());
    assertTrue(socrata.requestLog().stream().anyMatch(r -> r.status() == 429));
  }

  @Test
  void processingThatTakesSeveralPollsIsWaitedFor() throws Exception {
    socrata.faults().outputSchemas(3, 0).jobs(4, false);
    assertReplaced(replaceWhileReading());
    assertEquals(
        3,
        socrata.requestLog().stream()
            .filter(
                r ->
                    r.method().equals("GET")
                        && r.pathAndQuery().matches("/api/publishing/v1/source/\\d+"))
            .count(),
        "three looks at the upload");
    assertEquals(
        5,
        socrata.requestLog().stream()
            .filter(
                r ->
                    r.method().equals("GET")
                        && r.pathAndQuery().matches("/api/publishing/v1/revision/bond-0001/\\d+"))
            .count(),
        "four polls, then success");
  }

  @Test
  void anOutputSchemaWithErrorsIsNotAppliedAndTheRevisionIsDiscarded() throws Exception {
    socrata.faults().outputSchemas(0, 5);
    assertKept(
        replaceWhileReading(),
        Failure.of(
            "replace of 25000 rows failed before it was applied",
            DATASET,
            "the output schema reports 5 rows in error; first: row 1: Unable to convert 'new0' to"
                + " the column's type; row 2: Unable to convert 'new1' to the column's type; row 3:"
                + " Unable to convert 'new2' to the column's type; the revision was discarded,"
                + " dataset bond-0001 keeps its previous rows"));
    assertEquals(0, socrata.openRevisions(DATASET));
    assertEquals(0, calls("/apply"));
  }

  @Test
  void aChunkThatKeepsFailingDiscardsTheRevision() throws Exception {
    socrata.faults().failCalls("source.chunk", DATASET, 3, 100, 503);
    assertKept(
        replaceWhileReading(),
        Failure.of(
                "replace of 25000 rows failed before it was applied",
                DATASET,
                "Socrata dataset bond-0001, upload chunk 3 of 4 (bytes 399975-599959): HTTP 503"
                    + " Injected failure (X-Socrata-RequestId emu-15) (gave up after 9 attempts);"
                    + " the revision was discarded, dataset bond-0001 keeps its previous rows")
            .asOutage());
    assertEquals(0, socrata.openRevisions(DATASET));
  }

  @Test
  void aJobThatFailsLeavesTheOldRows() throws Exception {
    socrata.faults().jobs(2, true);
    assertKept(
        replaceWhileReading(),
        Failure.of(
            "replace of 25000 rows",
            DATASET,
            "the apply job failed ([{\"stage\":\"failure\",\"details\":\"the publication job"
                + " failed\"}]); the portal left dataset bond-0001 with its previous rows"));
  }

  @Test
  void aReplaceKilledMidUploadLeavesTheOldRowsAndTheNextRunReplacesThem() throws Exception {
    socrata.preferredChunkBytes(20_000).faults().latency(Duration.ofMillis(50));
    String java = ProcessHandle.current().info().command().orElse("java");
    Process child =
        new ProcessBuilder(
                java,
                "-cp",
                System.getProperty("java.class.path"),
                ReplaceInAnotherJvm.class.getName(),
                socrata.baseUrl().toString(),
                TOKEN,
                "key-id",
                SECRET,
                DATASET,
                Integer.toString(ROWS))
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (calls("/chunk/") < 3 && System.nanoTime() < deadline && child.isAlive()) {
        Thread.sleep(20);
      }
      assertTrue(calls("/chunk/") >= 3, "the child JVM started uploading");
    } finally {
      child.destroyForcibly().waitFor();
    }
    assertTrue(calls("/commit/") == 0, "killed before the upload was committed");
    assertEquals(oldRows, socrata.rows(DATASET));
    assertEquals(
        1, socrata.openRevisions(DATASET), "the abandoned revision stays open and changes nothing");

    socrata.faults().latency(Duration.ZERO);
    socrata.preferredChunkBytes(200_000);
    assertEquals(
        new SocrataWriteResult(DATASET, Operation.REPLACE, ROWS, ROWS, 0, 0, 0, List.of()),
        replace());
    assertEquals(newRows, socrata.rows(DATASET));
  }
}
