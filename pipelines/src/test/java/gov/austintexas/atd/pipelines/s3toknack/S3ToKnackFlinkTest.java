package gov.austintexas.atd.pipelines.s3toknack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import gov.austintexas.atd.pipelines.Expected;
import gov.austintexas.atd.pipelines.Launcher;
import gov.austintexas.atd.pipelines.Printed;
import gov.austintexas.atd.standins.demo.EmulatedKnackApps;
import gov.austintexas.atd.standins.knack.KnackEmulator;
import gov.austintexas.atd.testing.S3MockServer;
import gov.austintexas.atd.transforms.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code s3-to-knack} on an embedded Flink cluster against the same sandbox as on the DirectRunner
 * (S3Mock, the Knack emulator): each runner publishes to an emulator of its own, and both end with
 * the same records, the same summaries and the same plan files.
 */
class S3ToKnackFlinkTest {
  private static final List<String> FLINK =
      List.of("--runner=FlinkRunner", "--flinkMaster=[local]");
  private static final String OBJECT = "object_43"; // task_orders in finance-purchasing
  private static final String KNACK_NOW = "field_999"; // the time of the run, never compared

  @RegisterExtension static final S3MockServer s3 = new S3MockServer();

  private KnackEmulator onDirect;
  private KnackEmulator onFlink;
  private String stdout;
  private String stderr;

  /** The run report's path, from the last line printed. */
  private String runReport;

  @BeforeEach
  void start() throws Exception {
    onDirect = KnackEmulator.start();
    onFlink = KnackEmulator.start();
    EmulatedKnackApps.define(onDirect, FieldMaps.load().all());
    EmulatedKnackApps.define(onFlink, FieldMaps.load().all());
  }

  @AfterEach
  void stop() {
    onDirect.close();
    onFlink.close();
  }

  /**
   * Publishes from {@code input}/ to the runner's emulator; reports and dead letters under {@code
   * input/runner/}.
   */
  private int publish(boolean flink, String input, String recordType, String... extra) {
    KnackEmulator knack = flink ? onFlink : onDirect;
    String runner = flink ? "flink" : "direct";
    List<String> args =
        new ArrayList<>(
            List.of(
                "s3-to-knack",
                "--recordType=" + recordType,
                "--app=finance-purchasing",
                "--input=" + s3.bucketUrl() + input,
                "--reportDir=" + s3.bucketUrl() + input + runner + "/plans/",
                "--deadLetterDir=" + s3.bucketUrl() + input + runner + "/",
                "--knackApiUrl=" + knack.apiUrl(),
                "--knackAppId=" + EmulatedKnackApps.appId("finance-purchasing"),
                "--knackApiKey=" + EmulatedKnackApps.API_KEY,
                "--knackRetryBackoffMillis=10"));
    args.addAll(s3.pipelineArgs());
    if (flink) {
      args.addAll(FLINK);
      if (List.of(extra).stream().noneMatch(arg -> arg.startsWith("--parallelism="))) {
        args.add("--parallelism=2");
      }
    }
    args.addAll(List.of(extra));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit =
        new Launcher(
                Map.of(),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8))
            .run(args.toArray(new String[0]));
    Printed printedOut = Printed.of(out.toString(StandardCharsets.UTF_8));
    Printed printedErr = Printed.of(err.toString(StandardCharsets.UTF_8));
    stdout = printedOut.text();
    stderr = printedErr.text();
    runReport = exit == 0 ? printedOut.runReport() : printedErr.runReport();
    return exit;
  }

  /** The summary's first line on each runner, after a run of each. */
  private List<String> onBoth(String input, String recordType, String... extra) {
    List<String> summaries = new ArrayList<>();
    for (boolean flink : new boolean[] {false, true}) {
      assertEquals(
          0, publish(flink, input, recordType, extra), (flink ? "Flink: " : "direct: ") + stderr);
      summaries.add(stdout.lines().findFirst().orElse(""));
    }
    return summaries;
  }

  /** The object's records by key, without the emulator's ids and the time of the run. */
  private static Map<String, String> state(KnackEmulator knack, String object, String keyField) {
    Map<String, String> byKey = new TreeMap<>();
    for (ObjectNode record : knack.records(EmulatedKnackApps.appId("finance-purchasing"), object)) {
      ObjectNode fields = record.deepCopy();
      fields.remove(List.of("id", KNACK_NOW, KNACK_NOW + "_raw"));
      byKey.put(record.path(keyField + "_raw").asText(), fields.toString());
    }
    return byKey;
  }

  /**
   * A plan file without the Knack ids (each emulator numbers its records) and the time of the run.
   */
  private static String comparable(String planFile) throws Exception {
    JsonNode plan = Json.MAPPER.readTree(planFile);
    for (JsonNode line : plan) {
      ((ObjectNode) line).remove("id");
      if (line.path("record") instanceof ObjectNode record) {
        record.remove(KNACK_NOW);
      }
    }
    return plan.toString();
  }

  @Test
  void createsUpdatesAndPlansExactlyAsOnTheDirectRunner() throws Exception {
    s3.put("same/task_orders.json", Expected.financeFile("task_orders"));
    List<String> summaries = onBoth("same/", "task_orders");
    assertEquals(
        "task_orders → finance-purchasing (object_43): read 6, knack records 0, created 4, updated"
            + " 0, unchanged 0, failed 0, knack_only 0",
        summaries.get(0));
    assertEquals(summaries.get(0), summaries.get(1));
    assertEquals(4, state(onFlink, OBJECT, "field_989").size());
    assertEquals(state(onDirect, OBJECT, "field_989"), state(onFlink, OBJECT, "field_989"));

    // One task order of four changes: 25%, under the rail.
    String changed = Expected.financeFile("task_orders").replace("\"Closed\"", "\"Completed\"");
    s3.put("same/task_orders.json", changed);
    summaries = onBoth("same/", "task_orders");
    assertEquals(summaries.get(0), summaries.get(1));
    assertEquals(
        "task_orders → finance-purchasing (object_43): read 6, knack records 4, created 0, updated"
            + " 1, unchanged 3, failed 0, knack_only 0",
        summaries.get(1));
    assertEquals(state(onDirect, OBJECT, "field_989"), state(onFlink, OBJECT, "field_989"));
    assertEquals("[]\n", s3.get("same/flink/task_orders-finance-purchasing-dead-letters.json"));

    // A dry run writes the same plan on both: ATD0001 updated, TPW1006 created, TPW1005 left alone.
    s3.put(
        "same/task_orders.json",
        changed
            .replace("\"José Ramírez\"", "\"J. Ramírez\"")
            .replace("\"TPW1005\"", "\"TPW1006\""));
    summaries = onBoth("same/", "task_orders", "--dryRun");
    assertEquals(summaries.get(0), summaries.get(1));
    String plans = "task_orders-finance-purchasing-";
    assertEquals(
        "{\"record_type\":\"task_orders\",\"app\":\"finance-purchasing\",\"object\":\"object_43\",\"read\":6,\"knack_records\":4,\"create\":1,\"update\":1,\"unchanged\":2,\"knack_only\":1,\"knack_duplicate_keys\":0}\n",
        s3.get("same/flink/plans/" + plans + "plan.json"));
    assertEquals(
        s3.get("same/direct/plans/" + plans + "plan.json"),
        s3.get("same/flink/plans/" + plans + "plan.json"));
    for (String file : List.of("creates.json", "updates.json")) {
      String direct = comparable(s3.get("same/direct/plans/" + plans + file));
      assertEquals(1, Json.MAPPER.readTree(direct).size(), file);
      assertEquals(direct, comparable(s3.get("same/flink/plans/" + plans + file)), file);
    }
  }

  @Test
  void onFlinkWithParallelism4TheAppNeverSeesMoreThanTenRequestsInAnySecond() {
    String app = EmulatedKnackApps.appId("finance-purchasing");
    StringBuilder file = new StringBuilder("[\n");
    for (int i = 1; i <= 80; i++) {
      if (i <= 60) { // in Knack already; the first 20 renamed since
        onFlink.insert(
            app,
            "object_6",
            Json.MAPPER
                .createObjectNode()
                .put("field_76", Integer.toString(7000 + i))
                .put("field_75", (i <= 20 ? "Old name " : "Object ") + i));
      }
      file.append(i == 1 ? "" : ",\n")
          .append("{\"OBJ_CODE\":\"")
          .append(7000 + i)
          .append("\",\"OBJ_LONG_NAME\":\"Object ")
          .append(i)
          .append("\"}");
    }
    s3.put("rate/objects.json", file.append("\n]\n").toString());

    // Knack's own 10/s. Four limiters, one per worker, would send up to 40/s.
    assertEquals(
        0, publish(true, "rate/", "objects", "--parallelism=4", "--requestsPerSecond=10"), stderr);

    assertEquals(
        "objects → finance-purchasing (object_6): read 80, knack records 60, created 20, updated"
            + " 20, unchanged 40, failed 0, knack_only 0",
        stdout.lines().findFirst().orElse(""));
    // 1 page, 1 lookup before and 1 after the creates, 20 creates, 20 updates.
    assertEquals(43, onFlink.requests(app));
    int most = onFlink.maxRequestsInAnyWindow(app, Duration.ofSeconds(1));
    assertTrue(most <= 10, most + " requests within one second");
  }

  @Test
  void aMassUpdateIsRefusedOnFlinkBeforeAnyWrite() {
    s3.put("mass/units.json", Expected.financeFile("units"));
    assertEquals(0, publish(true, "mass/", "units"), stderr);
    List<ObjectNode> before =
        onFlink.records(EmulatedKnackApps.appId("finance-purchasing"), "object_7");
    int writesBefore = onFlink.writes();
    s3.put(
        "mass/units.json",
        Expected.financeFile("units")
            .replace("\"DEPT_UNIT_STATUS\":\"A\"", "\"DEPT_UNIT_STATUS\":\"I\""));

    assertEquals(3, publish(true, "mass/", "units"), stderr);

    assertEquals(
        "error: s3-to-knack: units → finance-purchasing (object_7): the plan would update 4 of the"
            + " 5 Knack records, more than 50%; nothing was sent to Knack; see the changes with"
            + " --dryRun (they go to "
            + s3.bucketUrl()
            + "mass/flink/plans/units-finance-purchasing-updates.json), and rerun with"
            + " --allowMassUpdate to apply them anyway\n",
        stderr);
    assertEquals(
        before, onFlink.records(EmulatedKnackApps.appId("finance-purchasing"), "object_7"));
    assertEquals(writesBefore, onFlink.writes());
  }
}
