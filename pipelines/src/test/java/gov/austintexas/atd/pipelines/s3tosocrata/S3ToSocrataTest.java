package gov.austintexas.atd.pipelines.s3tosocrata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import gov.austintexas.atd.pipelines.Expected;
import gov.austintexas.atd.pipelines.Launcher;
import gov.austintexas.atd.pipelines.Printed;
import gov.austintexas.atd.standins.demo.EmulatedSocrata;
import gov.austintexas.atd.standins.socrata.SocrataEmulator;
import gov.austintexas.atd.testing.S3MockServer;
import gov.austintexas.atd.transforms.json.Json;
import gov.austintexas.atd.transforms.socrata.FieldNames;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code s3-to-socrata} end to end: finance files in S3Mock, the Socrata emulator over real HTTP.
 */
class S3ToSocrataTest {
  @RegisterExtension static final S3MockServer s3 = new S3MockServer();
  private static final String TOKEN = "so-app-token-7";
  private static final String SECRET = "so-key-secret-9";

  private SocrataEmulator socrata;
  private String stdout;
  private String stderr;

  /** The run report's path, from the last line printed. */
  private String runReport;

  @BeforeEach
  void start() throws Exception {
    socrata = SocrataEmulator.start().addAppToken(TOKEN).addUser("key-id", SECRET);
    EmulatedSocrata.addFinanceDatasets(socrata);
    for (String type : List.of("task_orders", "units", "fdus", "subprojects")) {
      s3.put("finance/" + type + ".json", Expected.financeFile(type));
      if (!type.equals("fdus")) {
        s3.put("no-fdus/" + type + ".json", Expected.financeFile(type));
      }
    }
  }

  @AfterEach
  void stop() {
    socrata.close();
  }

  /** The old scripts' variables: the portal, credentials and dataset ids. */
  private Map<String, String> environment() {
    return Map.of(
        "SO_WEB",
        socrata.baseUrl().toString(),
        "SO_TOKEN",
        TOKEN,
        "SO_KEY",
        "key-id",
        "SO_SECRET",
        SECRET,
        "TASK_DATASET",
        "task-0001",
        "DEPT_UNITS_DATASET",
        "unit-0001",
        "FDU_DATASET",
        "fdus-0001",
        "SUBPROJECTS_DATASET",
        "subp-0001");
  }

  private int publish(Map<String, String> environment, String... extra) {
    List<String> args = new ArrayList<>(List.of("s3-to-socrata", "--socrataRetryBackoffMillis=5"));
    args.addAll(s3.pipelineArgs());
    args.addAll(List.of(extra));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit =
        new Launcher(
                environment,
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

  private int publish(String... extra) {
    List<String> args = new ArrayList<>(List.of("--input=" + s3.bucketUrl() + "finance/"));
    args.addAll(List.of(extra));
    return publish(environment(), args.toArray(new String[0]));
  }

  /**
   * The stored rows by their row identifier, each as its JSON with the source's upper-case keys
   * (the portal stores them under its lower-case field names). Every row must be there once.
   */
  private Map<String, String> stored(String dataset, String rowIdentifier) {
    Map<String, String> rows = new TreeMap<>();
    List<ObjectNode> all = socrata.rows(dataset);
    for (ObjectNode row : all) {
      ObjectNode sourceKeys = Json.MAPPER.createObjectNode();
      row.fields()
          .forEachRemaining(
              field ->
                  sourceKeys.set(
                      SOURCE_KEYS.getOrDefault(
                          field.getKey(), field.getKey().toUpperCase(Locale.ROOT)),
                      field.getValue()));
      rows.put(FieldNames.value(row, rowIdentifier).asText(), sourceKeys.toString());
    }
    assertEquals(all.size(), rows.size(), "each row identifier once in " + dataset);
    return rows;
  }

  /** The one published column whose source key is not all upper case. */
  private static final Map<String, String> SOURCE_KEYS = Map.of("status", "Status");

  private static final Map<String, String> TASK_ORDERS =
      Map.of(
          "ATD0001",
              "{\"DEPT\":2400,\"TASK_ORDER\":\"ATD0001\",\"NAME\":\"Signal retiming <Phase 2> &"
                  + " \\\"loop\\\" detectors\",\"Status\":\"Active\",\"TK_TYPE\":\"Internal"
                  + " Services\",\"CURRENT_ESTIMATE\":125000,\"CHARGEDAMOUNT\":4321.5,\"BALANCE\":120678.5,\"BUYER_FDUS\":\"8012"
                  + " 6000 6607\",\"DISPLAY_NAME\":\"ATD0001 | Signal retiming <Phase 2> &"
                  + " \\\"loop\\\" detectors\"}",
          "ATD0002",
              "{\"DEPT\":2400,\"TASK_ORDER\":\"ATD0002\",\"NAME\":\"Sidewalk repair:\\n"
                  + "Manor Rd. (north side)\","
                  + "\"Status\":\"Active\",\"TK_TYPE\":\"Capital\",\"CURRENT_ESTIMATE\":-1500.75,\"CHARGEDAMOUNT\":0,\"BALANCE\":-1500.75,\"BUYER_FDUS\":\"5021"
                  + " 2400 2411\",\"DISPLAY_NAME\":\"ATD0002 | Sidewalk repair:\\n"
                  + "Manor Rd. (north side)\"}",
          "ATD0003",
              "{\"DEPT\":2400,\"TASK_ORDER\":\"ATD0003\",\"Status\":\"Closed\",\"TK_TYPE\":\"Internal"
                  + " Services\","
                  + "\"CURRENT_ESTIMATE\":0,\"CHARGEDAMOUNT\":0,\"BALANCE\":0,\"DISPLAY_NAME\":\"ATD0003\"}",
          "TPW1005",
              "{\"DEPT\":2507,\"TASK_ORDER\":\"TPW1005\",\"NAME\":\"Crosswalk <b>paint</b>; 3"
                  + " locations\",\"Status\":\"Active\","
                  + "\"TK_TYPE\":\"Grant\",\"CURRENT_ESTIMATE\":98765.43,\"CHARGEDAMOUNT\":12345.67,\"BALANCE\":86419.76,\"BUYER_FDUS\":\"3201"
                  + " 2507 1122\",\"DISPLAY_NAME\":\"TPW1005 | Crosswalk <b>paint</b>; 3"
                  + " locations\"}");

  private static final Map<String, String> UNITS =
      Map.of(
          "1027",
              "{\"DEPT_UNIT_ID\":1027,\"DEPT_ID\":43,\"DEPT\":2400,\"UNIT\":\"2410\",\"UNIT_LONG_NAME\":\"Arterial"
                  + " Management\",\"UNIT_SHORT_NAME\":\"AMD\",\"DEPT_UNIT_STATUS\":\"A\"}",
          "1031",
              "{\"DEPT_UNIT_ID\":1031,\"DEPT_ID\":43,\"DEPT\":2400,\"UNIT\":\"2411\",\"UNIT_LONG_NAME\":\"Signs"
                  + " & Markings\",\"UNIT_SHORT_NAME\":\"S&M\",\"DEPT_UNIT_STATUS\":\"A\"}",
          "2210",
              "{\"DEPT_UNIT_ID\":2210,\"DEPT_ID\":51,\"DEPT\":2507,\"UNIT\":\"1122\",\"UNIT_LONG_NAME\":\"Active"
                  + " Transportation"
                  + " <Mobility>\",\"UNIT_SHORT_NAME\":\"ATM\",\"DEPT_UNIT_STATUS\":\"I\"}",
          "3302",
              "{\"DEPT_UNIT_ID\":3302,\"DEPT_ID\":60,\"DEPT\":6200,\"UNIT\":\"6607\",\"UNIT_LONG_NAME\":\"Public"
                  + " Works – Street Preservation\",\"DEPT_UNIT_STATUS\":\"A\"}",
          "3399",
              "{\"DEPT_UNIT_ID\":3399,\"DEPT_ID\":61,\"DEPT\":6207,\"UNIT\":\"6602\",\"UNIT_LONG_NAME\":\"Capital"
                  + " Delivery\",\"UNIT_SHORT_NAME\":\"CDS\",\"DEPT_UNIT_STATUS\":\"A\"}");

  private static final Map<String, String> FDUS =
      Map.of(
          "90001",
              "{\"DEPT_CODE_NAME\":\"2400"
                  + " Transportation\",\"SUB_PROJECT_ID\":11001,\"SUBPROJECT_ID_UK\":211001,\"SP_NUMBER_TXT\":\"6007.026\",\"FDU_ID\":90001,\"FDU\":\"8012"
                  + " 6000 6607\",\"FUND\":\"8012\",\"FUNDNAME\":\"2020 Bond"
                  + " Fund\",\"DEPT\":\"6000\",\"DEPT_ID\":60,\"DEPT_UNIT_ID\":3302,\"DEPT_UNIT_STATUS\":\"A\",\"UNIT\":\"6607\",\"UNIT_LONG_NAME\":\"Public"
                  + " Works – Street Preservation\"}",
          "90002",
              "{\"DEPT_CODE_NAME\":\"2400"
                  + " Transportation\",\"SUB_PROJECT_ID\":11002,\"SUBPROJECT_ID_UK\":211002,\"SP_NUMBER_TXT\":\"6007.031\",\"FDU_ID\":90002,\"FDU\":\"8012"
                  + " 6000 6602\",\"FUND\":\"8012\",\"FUNDNAME\":\"2020 Bond"
                  + " Fund\",\"DEPT\":\"6000\",\"DEPT_ID\":61,\"DEPT_UNIT_ID\":3399,\"DEPT_UNIT_STATUS\":\"A\",\"UNIT\":\"6602\",\"UNIT_LONG_NAME\":\"Capital"
                  + " Delivery\",\"UNIT_SHORT_NAME\":\"CDS\"}",
          "90003",
              "{\"DEPT_CODE_NAME\":\"2507 Mobility\",\"FDU_ID\":90003,\"FDU\":\"3201 2507"
                  + " 1122\",\"FUND\":\"3201\",\"FUNDNAME\":\"Mobility \\\"Grant\\\""
                  + " Fund\",\"DEPT\":\"2507\",\"DEPT_ID\":51,\"DEPT_UNIT_ID\":2210,\"DEPT_UNIT_STATUS\":\"I\",\"UNIT\":\"1122\",\"UNIT_LONG_NAME\":\"Active"
                  + " Transportation <Mobility>\",\"UNIT_SHORT_NAME\":\"ATM\"}");

  private static final Map<String, String> SUBPROJECTS =
      Map.of(
          "6007.026",
              "{\"PROJECT_NUMBER\":\"6007\",\"SP_NUMBER_TXT\":\"6007.026\",\"SP_NAME\":\"Street"
                  + " Preservation FY24\",\"SP_DESCRIPTION\":\"Resurfacing & crack"
                  + " seal\",\"SP_DETAILED_SCOPE\":\"Line one\\n"
                  + "Line two: \\\"quoted\\\"\",\"SUB_PROJECT_MANAGING_DEPT\":\"Public"
                  + " Works\",\"SP_STATUS\":\"Active\"}",
          "6007.031",
              "{\"PROJECT_NUMBER\":\"6007\",\"SP_NUMBER_TXT\":\"6007.031\",\"SP_NAME\":\"Signals"
                  + " <Corridor> Program\","
                  + "\"SUB_PROJECT_MANAGING_DEPT\":\"Transportation\",\"SP_STATUS\":\"Planning\"}");

  @Test
  void allFourDatasetsFromTheOldVariablesThenARerunUpdatesTheSameRows() {
    assertEquals(0, publish(), stderr);
    assertEquals(
        String.join(
            "\n",
            "task_orders → task-0001: read 6, sent 4, created 4, updated 0, deleted 0, errors 0",
            "dept_units → unit-0001: read 5, sent 5, created 5, updated 0, deleted 0, errors 0",
            "fdus → fdus-0001: read 3, sent 3, created 3, updated 0, deleted 0, errors 0",
            "subprojects → subp-0001: read 3, sent 2, created 2, updated 0, deleted 0, errors 0",
            ""),
        stdout);
    assertEquals(TASK_ORDERS, stored("task-0001", "TASK_ORDER"));
    assertEquals(UNITS, stored("unit-0001", "DEPT_UNIT_ID"));
    assertEquals(FDUS, stored("fdus-0001", "FDU_ID"));
    assertEquals(SUBPROJECTS, stored("subp-0001", "SP_NUMBER_TXT"));
    assertFalse(
        (stdout + stderr).contains(SECRET) || (stdout + stderr).contains(TOKEN),
        "a secret was printed");

    assertEquals(0, publish(), stderr);
    assertEquals(
        String.join(
            "\n",
            "task_orders → task-0001: read 6, sent 4, created 0, updated 4, deleted 0, errors 0",
            "dept_units → unit-0001: read 5, sent 5, created 0, updated 5, deleted 0, errors 0",
            "fdus → fdus-0001: read 3, sent 3, created 0, updated 3, deleted 0, errors 0",
            "subprojects → subp-0001: read 3, sent 2, created 0, updated 2, deleted 0, errors 0",
            ""),
        stdout);
    assertEquals(TASK_ORDERS, stored("task-0001", "TASK_ORDER"));
    assertEquals(UNITS, stored("unit-0001", "DEPT_UNIT_ID"));
    assertEquals(FDUS, stored("fdus-0001", "FDU_ID"));
    assertEquals(SUBPROJECTS, stored("subp-0001", "SP_NUMBER_TXT"));
  }

  @Test
  void theFlinkRunnerStoresTheSameRows() {
    assertEquals(
        0, publish("--runner=FlinkRunner", "--flinkMaster=[local]", "--chunkSize=2"), stderr);

    assertEquals(
        String.join(
            "\n",
            "task_orders → task-0001: read 6, sent 4, created 4, updated 0, deleted 0, errors 0",
            "dept_units → unit-0001: read 5, sent 5, created 5, updated 0, deleted 0, errors 0",
            "fdus → fdus-0001: read 3, sent 3, created 3, updated 0, deleted 0, errors 0",
            "subprojects → subp-0001: read 3, sent 2, created 2, updated 0, deleted 0, errors 0",
            ""),
        stdout);
    assertEquals(TASK_ORDERS, stored("task-0001", "TASK_ORDER"));
    assertEquals(UNITS, stored("unit-0001", "DEPT_UNIT_ID"));
    assertEquals(FDUS, stored("fdus-0001", "FDU_ID"));
    assertEquals(SUBPROJECTS, stored("subp-0001", "SP_NUMBER_TXT"));
  }

  @Test
  void oneDatasetFromOptionsInSmallChunksWithServerErrors() {
    socrata.faults().serverErrors(0.2);
    assertEquals(
        0,
        publish(
            Map.of(),
            "--input=" + s3.bucketUrl() + "finance/",
            "--dataset=task_orders",
            "--taskOrdersDataset=task-0001",
            "--socrataHost=" + socrata.baseUrl(),
            "--socrataAppToken=" + TOKEN,
            "--socrataUser=key-id",
            "--socrataPassword=" + SECRET,
            "--chunkSize=1",
            "--socrataMaxRetries=10"),
        stderr);
    assertEquals(
        "task_orders → task-0001: read 6, sent 4, created 4, updated 0, deleted 0, errors 0\n",
        stdout);
    assertEquals(TASK_ORDERS, stored("task-0001", "TASK_ORDER"));
    // The run report goes to S3 next to the input; the secrets given as options are masked in it.
    String reportDir = s3.bucketUrl() + "finance/reports/";
    assertTrue(
        runReport.matches(
            java.util.regex.Pattern.quote(reportDir)
                + "s3-to-socrata-task_orders-\\d{8}T\\d{6}Z\\.json"),
        runReport);
    String report = s3.get(runReport.substring(s3.bucketUrl().length()));
    assertTrue(report.contains("\"socrataPassword\" : \"****\""), report);
    assertTrue(report.contains("\"socrataAppToken\" : \"****\""), report);
    assertFalse(report.contains(SECRET) || report.contains(TOKEN), report);
    assertEquals(0, socrata.rows("unit-0001").size());
  }

  @Test
  void aMissingSourceFileIsSkippedAndTheOthersLoad() {
    assertEquals(0, publish(environment(), "--input=" + s3.bucketUrl() + "no-fdus/"), stderr);
    assertTrue(
        stdout.contains(
            "fdus → fdus-0001: skipped, no source file " + s3.bucketUrl() + "no-fdus/fdus.json\n"),
        stdout);
    assertTrue(stdout.contains("subprojects → subp-0001: read 3, sent 2, created 2"), stdout);
    assertEquals(List.of(), socrata.rows("fdus-0001"));
    assertEquals(SUBPROJECTS, stored("subp-0001", "SP_NUMBER_TXT"));
  }

  @Test
  void aWrongTokenFailsWithExitCode1NamingTheDatasetAnd401() {
    Map<String, String> environment = new TreeMap<>(environment());
    environment.put("SO_TOKEN", "wrong-token");
    // Nothing was written, so the run is an outage (1), not a partial write (4).
    assertEquals(
        1, publish(environment, "--input=" + s3.bucketUrl() + "finance/", "--dataset=dept_units"));
    String notWritten =
        "dept_units → unit-0001: not written, its metadata could not be read: Socrata dataset"
            + " unit-0001, metadata: HTTP 401 Invalid app_token specified (X-Socrata-RequestId"
            + " emu-1)";
    assertEquals(
        String.join(
            "\n",
            "error: s3-to-socrata: nothing was written to Socrata; 1 of 1 datasets failed:",
            notWritten,
            notWritten,
            ""),
        stderr);
    assertFalse((stdout + stderr).contains(SECRET), "the secret was printed");
  }

  @Test
  void rowsSocrataRefusesAreReportedWithExitCode4WhenOtherDatasetsWereWritten() {
    socrata.createDataset(
        "unit-0001", List.of("dept_unit_id", "dept_id", "dept", "unit"), "dept_unit_id");
    assertEquals(4, publish("--dataset=all"));
    String printed = stderr.replaceAll("(?m)^\\[.*\\n", "");
    assertTrue(printed.startsWith("error: s3-to-socrata: "), printed);
    assertTrue(
        printed.contains(
            "\n"
                + "dept_units → unit-0001: read 5, sent 5, created 0, updated 0, deleted 0,"
                + " errors 0\n"),
        printed);
    assertTrue(
        printed.contains(
            "\n"
                + "1 of 4 datasets not fully written; the others were:\n"
                + "dept_units → unit-0001: upsert chunk 1 (rows 1-5): Socrata dataset unit-0001,"
                + " upsert: HTTP 400 Illegal field name sent: UNIT_LONG_NAME (X-Socrata-RequestId"
                + " emu-"),
        printed);
  }

  @Test
  void aDatasetWithoutARowIdentifierIsRefusedAndTheOthersLand() {
    socrata.createDataset(
        "unit-0001",
        List.of(
            "dept_unit_id",
            "dept_id",
            "dept",
            "unit",
            "unit_long_name",
            "unit_short_name",
            "dept_unit_status"),
        null);
    assertEquals(4, publish());
    String refusal =
        "dept_units → unit-0001: not written: refused to upsert to dataset unit-0001: its metadata"
            + " names no row identifier, so every upserted row would be a new row and each run (or"
            + " a retried chunk) would append the rows again; nothing was sent (set a row"
            + " identifier on the dataset, or replace it instead)";
    assertEquals(
        String.join(
            "\n",
            "error: s3-to-socrata: task_orders → task-0001: read 6, sent 4, created 4, updated 0,"
                + " deleted 0, errors 0",
            refusal,
            "fdus → fdus-0001: read 3, sent 3, created 3, updated 0, deleted 0, errors 0",
            "subprojects → subp-0001: read 3, sent 2, created 2, updated 0, deleted 0, errors 0",
            "1 of 4 datasets not fully written; the others were:",
            refusal,
            ""),
        stderr.replaceAll("(?m)^\\[.*\\n", ""));
    assertEquals(0, socrata.requests("POST", "unit-0001"));
    assertEquals(List.of(), socrata.rows("unit-0001"));
    assertEquals(TASK_ORDERS, stored("task-0001", "TASK_ORDER"));
    assertEquals(FDUS, stored("fdus-0001", "FDU_ID"));
    assertEquals(SUBPROJECTS, stored("subp-0001", "SP_NUMBER_TXT"));
  }

  @Test
  void anUnknownDatasetIsAUsageErrorOnOneLine() {
    assertEquals(2, publish("--dataset=invoices"));
    assertEquals(
        "error: s3-to-socrata: unknown dataset 'invoices'; known: task_orders, dept_units, fdus,"
            + " subprojects, all\n",
        stderr);
    assertEquals(0, socrata.requests());
  }

  @Test
  void missingSettingsAreNamedInOneUsageError() {
    assertEquals(
        2, publish(Map.of("SO_WEB", "data.example.org"), "--input=/tmp/x", "--dataset=fdus"));
    assertEquals(
        "error: s3-to-socrata: Socrata is not configured: give --fdusDataset (or FDU_DATASET),"
            + " --socrataAppToken (or SO_TOKEN), --socrataUser (or SO_USER), --socrataPassword (or"
            + " SO_PASS)\n",
        stderr);
  }
}
