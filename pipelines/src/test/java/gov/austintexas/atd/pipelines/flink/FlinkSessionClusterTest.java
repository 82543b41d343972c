package gov.austintexas.atd.pipelines.flink;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import gov.austintexas.atd.pipelines.Expected;
import gov.austintexas.atd.pipelines.Launcher;
import gov.austintexas.atd.pipelines.Printed;
import gov.austintexas.atd.pipelines.bondcalculations.BondCalculationsFixture;
import gov.austintexas.atd.pipelines.bondcalculations.BondDatasets.Dataset;
import gov.austintexas.atd.pipelines.bondcalculations.PreviewPage;
import gov.austintexas.atd.pipelines.s3toknack.FieldMaps;
import gov.austintexas.atd.standins.demo.EmulatedKnackApps;
import gov.austintexas.atd.standins.knack.KnackEmulator;
import gov.austintexas.atd.testing.PostgresSchema;
import gov.austintexas.atd.testing.S3MockServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code finance-to-s3}, {@code s3-to-knack} and {@code bond-calculations} submitted with {@code
 * --flinkMaster=host:port} to a real Flink session cluster of three JVMs ({@link
 * FlinkSessionCluster}), against the same sandbox as the other tests (PostgreSQL, S3Mock, the Knack
 * emulator): each gets the destination state the DirectRunner gets, with the same expectations as
 * {@code FinanceToS3FlinkTest}, {@code S3ToKnackFlinkTest} and {@code BondCalculationsTest}. The
 * pipelines' options, DoFns and coders cross process boundaries here, as on a production cluster.
 */
class FlinkSessionClusterTest {
  private static final String OBJECT = "object_43"; // task_orders in finance-purchasing
  private static final String KNACK_NOW = "field_999"; // the time of the run, never compared

  @RegisterExtension static final PostgresSchema postgres = new PostgresSchema();
  @RegisterExtension static final S3MockServer s3 = new S3MockServer();
  @RegisterExtension static final FlinkSessionCluster flink = new FlinkSessionCluster();

  /** What a launcher run printed and returned. */
  private record Run(int exit, String out, String err) {
    String firstLine() {
      return out.lines().findFirst().orElse("");
    }
  }

  private static Run launch(boolean onCluster, List<String> args) {
    List<String> all = new ArrayList<>(args);
    all.addAll(s3.pipelineArgs());
    if (onCluster) {
      all.addAll(
          List.of(
              "--runner=FlinkRunner",
              "--flinkMaster=" + flink.master(),
              "--parallelism="
                  + FlinkSessionCluster.TASK_MANAGERS * FlinkSessionCluster.SLOTS_PER_TASK_MANAGER,
              "--filesToStage=" + flink.filesToStage()));
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit =
        new Launcher(
                Map.of(),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8))
            .run(all.toArray(new String[0]));
    return new Run(
        exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  private static void assertSucceeded(Run run) {
    assertEquals(0, run.exit(), () -> run.err() + "\n" + flink.logTails());
  }

  @Test
  void financeToS3WritesTheExpectedFile() throws Exception {
    postgres.execute(Expected.sampleFinanceDataInOneSchema());

    Run run =
        launch(
            true,
            List.of(
                "finance-to-s3",
                "--recordType=task_orders",
                "--jdbcUrl=" + postgres.jdbcUrl(),
                "--dbUser=" + PostgresSchema.user(),
                "--output=" + s3.bucketUrl() + "finance/"));

    assertSucceeded(run);
    assertEquals(Expected.financeFile("task_orders"), s3.get("finance/task_orders.json"));
    // The count comes back from the TaskManagers' counters.
    assertEquals(
        "task_orders: 6 rows written to " + s3.bucketUrl() + "finance/task_orders.json\n",
        Printed.of(run.out()).text());
  }

  @Test
  void s3ToKnackCreatesAndUpdatesTheRecordsTheDirectRunnerDoes() throws Exception {
    try (KnackEmulator onDirect = KnackEmulator.start();
        KnackEmulator onCluster = KnackEmulator.start()) {
      EmulatedKnackApps.define(onDirect, FieldMaps.load().all());
      EmulatedKnackApps.define(onCluster, FieldMaps.load().all());
      s3.put("knack/task_orders.json", Expected.financeFile("task_orders"));
      Run created = publish(onCluster, true);
      assertEquals(
          "task_orders → finance-purchasing (object_43): read 6, knack records 0, created 4,"
              + " updated 0, unchanged 0, failed 0, knack_only 0",
          created.firstLine());

      // One task order of four changes: 25%, under the rail.
      s3.put(
          "knack/task_orders.json",
          Expected.financeFile("task_orders").replace("\"Closed\"", "\"Completed\""));
      Run updated = publish(onCluster, true);
      assertEquals(
          "task_orders → finance-purchasing (object_43): read 6, knack records 4, created 0,"
              + " updated 1, unchanged 3, failed 0, knack_only 0",
          updated.firstLine());
      assertEquals(
          "[]\n", s3.get("knack/cluster/task_orders-finance-purchasing-dead-letters.json"));

      // The DirectRunner, from the changed file into an empty app, ends with the same records.
      assertEquals(
          "task_orders → finance-purchasing (object_43): read 6, knack records 0, created 4,"
              + " updated 0, unchanged 0, failed 0, knack_only 0",
          publish(onDirect, false).firstLine());
      assertEquals(4, state(onCluster).size());
      assertEquals(state(onDirect), state(onCluster));
    }
  }

  private static Run publish(KnackEmulator knack, boolean onCluster) {
    String runner = onCluster ? "cluster" : "direct";
    Run run =
        launch(
            onCluster,
            List.of(
                "s3-to-knack",
                "--recordType=task_orders",
                "--app=finance-purchasing",
                "--input=" + s3.bucketUrl() + "knack/",
                "--reportDir=" + s3.bucketUrl() + "knack/" + runner + "/plans/",
                "--deadLetterDir=" + s3.bucketUrl() + "knack/" + runner + "/",
                "--knackApiUrl=" + knack.apiUrl(),
                "--knackAppId=" + EmulatedKnackApps.appId("finance-purchasing"),
                "--knackApiKey=" + EmulatedKnackApps.API_KEY,
                "--knackRetryBackoffMillis=10"));
    assertSucceeded(run);
    return run;
  }

  /** The object's records by key, without the emulator's ids and the time of the run. */
  private static Map<String, String> state(KnackEmulator knack) {
    Map<String, String> byKey = new TreeMap<>();
    for (ObjectNode record : knack.records(EmulatedKnackApps.appId("finance-purchasing"), OBJECT)) {
      ObjectNode fields = record.deepCopy();
      fields.remove(List.of("id", KNACK_NOW, KNACK_NOW + "_raw"));
      byKey.put(record.path("field_989_raw").asText(), fields.toString());
    }
    return byKey;
  }

  @Test
  void bondCalculationsWritesTheSevenDatasetsAsWorkedOutByHand() throws Exception {
    BondCalculationsFixture.seed(postgres);
    String outputDir = s3.bucketUrl() + "bond/";

    Run run =
        launch(
            true,
            List.of(
                "bond-calculations",
                "--jdbcUrl=" + postgres.jdbcUrl(),
                "--dbUser=" + PostgresSchema.user(),
                "--outputDir=" + outputDir,
                "--dryRun"));

    assertSucceeded(run);
    assertEquals(
        "hq9n-d77y (2020 bond summary, fiscal year FY*): 7 rows, written to "
            + outputDir
            + "summary_2020_current.json; dry run, not published",
        run.out().lines().toList().get(3));
    List<String> notes =
        run.out()
            .lines()
            .filter(line -> line.startsWith("note: "))
            .map(line -> line.substring(6))
            .toList();
    assertEquals(2, notes.size(), run.out());
    // The preview is the page of exactly the hand-worked summary rows and the notes.
    assertEquals(
        PreviewPage.html(
            List.of(
                new PreviewPage.Table(
                    "current",
                    "hq9n-d77y",
                    BondCalculationsFixture.expected(Dataset.SUMMARY_2020_CURRENT)),
                new PreviewPage.Table(
                    "previous",
                    "5ewg-ssu3",
                    BondCalculationsFixture.expected(Dataset.SUMMARY_2020_PREVIOUS))),
            notes),
        s3.get("bond/preview.html"));

    for (Dataset dataset : Dataset.values()) {
      assertEquals(
          BondCalculationsFixture.expected(dataset),
          BondCalculationsFixture.rows(s3.get("bond/" + dataset.fileName())),
          dataset.name());
    }
  }
}
