package gov.austintexas.atd.pipelines.s3toknack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import gov.austintexas.atd.transforms.knack.KnackMetrics;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code s3-to-knack} end to end: finance files in S3Mock, the Knack emulator over real HTTP. */
class S3ToKnackTest {
  @RegisterExtension static final S3MockServer s3 = new S3MockServer();

  private KnackEmulator knack;
  private String stdout;
  private String stderr;

  /** The run report's path, from the last line printed. */
  private String runReport;

  @BeforeEach
  void start() throws Exception {
    knack = KnackEmulator.start();
    EmulatedKnackApps.define(knack, FieldMaps.load().all());
    for (String type : Expected.RECORD_TYPES) {
      s3.put("finance/" + type + ".json", Expected.financeFile(type));
    }
  }

  @AfterEach
  void stop() {
    knack.close();
  }

  /** One run's exit code and output. */
  private record Run(int exit, String out, String err) {}

  private int publish(String recordType, String app, String... extra) {
    Run run = launch(recordType, app, extra);
    Printed printedOut = Printed.of(run.out());
    Printed printedErr = Printed.of(run.err());
    stdout = printedOut.text();
    stderr = printedErr.text();
    runReport = run.exit() == 0 ? printedOut.runReport() : printedErr.runReport();
    return run.exit();
  }

  private Run launch(String recordType, String app, String... extra) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "s3-to-knack",
                "--recordType=" + recordType,
                "--app=" + app,
                "--input=" + s3.bucketUrl() + "finance/",
                "--knackApiUrl=" + knack.apiUrl(),
                "--knackAppId=" + EmulatedKnackApps.appId(app),
                "--knackApiKey=" + EmulatedKnackApps.API_KEY,
                "--knackRetryBackoffMillis=10"));
    args.addAll(s3.pipelineArgs());
    args.addAll(List.of(extra));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit =
        new Launcher(
                Map.of(),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8))
            .run(args.toArray(new String[0]));
    return new Run(
        exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  private String summary() {
    return stdout.lines().findFirst().orElse("(no summary) " + stderr);
  }

  private List<ObjectNode> stored(String app, String object) {
    return knack.records(EmulatedKnackApps.appId(app), object);
  }

  /** Each stored record's raw values of the given fields, by its key field. */
  private Map<String, String> rawByKey(
      String app, String object, String keyField, String... fields) {
    Map<String, String> byKey = new TreeMap<>();
    for (ObjectNode record : stored(app, object)) {
      List<String> values = new ArrayList<>();
      for (String field : fields) {
        values.add(record.path(field + "_raw").toString());
      }
      byKey.put(record.path(keyField + "_raw").asText(), String.join(" | ", values));
    }
    return byKey;
  }

  @Test
  void aFirstRunCreatesEverythingAndASecondSendsNothing() {
    assertEquals(0, publish("task_orders", "data-tracker"), stderr);
    assertEquals(
        "task_orders → data-tracker (object_86): read 6, knack records 0, created 4, updated 0,"
            + " unchanged 0, failed 0, knack_only 0",
        summary());
    assertEquals(
        Map.of(
            "ATD0001",
                "\"2400\" | \"Signal retiming  < Phase 2 >  & \\\"loop\\\" detectors\" |"
                    + " \"125,000.00\" | \"4,321.50\" | \"120,678.50\" | \"5021 2400 2407,\\n"
                    + "8012 6000 6602,\\n"
                    + "8012 6000 6607\"",
            "ATD0002",
                "\"2400\" | \"Sidewalk repair:\\n"
                    + "Manor Rd. (north side)\" | \"-1,500.75\" | \"0.00\" | \"-1,500.75\" | \"5021"
                    + " 2400 2411\"",
            "ATD0003", "\"2400\" | \"\" | \"0.00\" | \"0.00\" | \"0.00\" | \"\"",
            "TPW1005",
                "\"2507\" | \"Crosswalk  < b > paint < /b > ; 3 locations\" | \"98,765.43\" |"
                    + " \"12,345.67\" | \"86,419.76\" | \"3201 2507 1122\""),
        rawByKey(
            "data-tracker",
            "object_86",
            "field_1277",
            "field_1276",
            "field_2632",
            "field_3684",
            "field_3685",
            "field_3686",
            "field_3807"));
    assertTrue(
        stored("data-tracker", "object_86")
            .get(0)
            .path("field_3809_raw")
            .path("date")
            .asText()
            .matches("\\d\\d/\\d\\d/\\d{4}"));

    assertFalse((stdout + stderr).contains(EmulatedKnackApps.API_KEY), "the API key was printed");
    // The run report goes to S3, to plans/ next to the input, with the key masked and the counts of
    // each step.
    assertTrue(
        runReport.startsWith(
            s3.bucketUrl() + "finance/plans/s3-to-knack-task_orders-data-tracker-"),
        runReport);
    String report = s3.get(runReport.substring(s3.bucketUrl().length()));
    assertTrue(report.contains("\"knackApiKey\" : \"****\""), report);
    assertFalse(report.contains(EmulatedKnackApps.API_KEY), report);
    assertTrue(
        report.contains(
            "\"dead letters\" : \""
                + s3.bucketUrl()
                + "finance/dead-letters/task_orders-data-tracker-dead-letters.json\""),
        report);

    int requestsBefore = knack.requests();
    assertEquals(0, publish("task_orders", "data-tracker"), stderr);
    assertEquals(
        "task_orders → data-tracker (object_86): read 6, knack records 4, created 0, updated 0,"
            + " unchanged 4, failed 0, knack_only 0",
        summary());
    assertEquals(1, knack.requests() - requestsBefore, "the second run only reads the one page");
  }

  @Test
  void threeUpdatesOfFiveRecordsAreRefusedBeforeAnyWriteUntilAllowedThenSentExactly()
      throws Exception {
    assertEquals(0, publish("units", "finance-purchasing"), stderr);
    String units =
        Expected.financeFile("units")
            .replace("\"Arterial Management\"", "\"Arterial Management & Signals\"")
            .replace("\"UNIT_SHORT_NAME\":null", "\"UNIT_SHORT_NAME\":\"PWSP\"")
            .replace(
                "\"DEPT_UNIT_ID\":3399,\"DEPT_ID\":61", "\"DEPT_UNIT_ID\":3399,\"DEPT_ID\":62");
    s3.put("finance/units.json", units);
    List<ObjectNode> before = stored("finance-purchasing", "object_7");
    int writesBefore = knack.writes();

    // 3 of 5 is 60%, over the default 50%: refused, and not one write reached Knack.
    assertEquals(3, publish("units", "finance-purchasing"), stderr);
    assertEquals(
        "error: s3-to-knack: units → finance-purchasing (object_7): the plan would update 3 of the"
            + " 5 Knack records, more than 50%; nothing was sent to Knack; see the changes with"
            + " --dryRun (they go to "
            + s3.bucketUrl()
            + "finance/plans/units-finance-purchasing-updates.json), and rerun with"
            + " --allowMassUpdate to apply them anyway\n",
        stderr);
    assertEquals("", stdout);
    assertEquals(before, stored("finance-purchasing", "object_7"));
    assertEquals(writesBefore, knack.writes());

    assertEquals(0, publish("units", "finance-purchasing", "--dryRun"), stderr);
    assertEquals(
        "units → finance-purchasing (object_7): applying this plan would be refused: the plan would"
            + " update 3 of the 5 Knack records, more than 50%; --allowMassUpdate applies it",
        stdout.lines().toList().get(2));
    assertEquals(3, publish("units", "finance-purchasing", "--maxUpdateShare=0.59"), stderr);
    assertEquals(before, stored("finance-purchasing", "object_7"));

    assertEquals(0, publish("units", "finance-purchasing", "--allowMassUpdate"), stderr);

    assertEquals(
        "units → finance-purchasing (object_7): read 5, knack records 5, created 0, updated 3,"
            + " unchanged 2, failed 0, knack_only 0",
        summary());
    assertEquals(
        Map.of(
            "1027", "\"43\" | \"Arterial Management & Signals\" | \"AMD\"",
            "1031", "\"43\" | \"Signs & Markings\" | \"S&M\"",
            "2210", "\"51\" | \"Active Transportation <Mobility>\" | \"ATM\"",
            "3302", "\"60\" | \"Public Works – Street Preservation\" | \"PWSP\"",
            "3399", "\"62\" | \"Capital Delivery\" | \"CDS\""),
        rawByKey(
            "finance-purchasing", "object_7", "field_902", "field_903", "field_904", "field_77"));
    assertEquals(5, stored("finance-purchasing", "object_7").size());
  }

  @Test
  void buyerFdusArrivingInAnotherOrderAreNotAnUpdate() throws Exception {
    assertEquals(0, publish("task_orders", "finance-purchasing"), stderr);
    List<String> lines = new ArrayList<>(Expected.financeFile("task_orders").lines().toList());
    // Rows 2-4 are ATD0001's three FDUs: put the last first.
    String last = lines.remove(3).replaceAll(",$", "");
    lines.add(1, last + ",");
    s3.put("finance/task_orders.json", String.join("\n", lines) + "\n");

    assertEquals(0, publish("task_orders", "finance-purchasing"), stderr);

    assertEquals(
        "task_orders → finance-purchasing (object_43): read 6, knack records 4, created 0, updated"
            + " 0, unchanged 4, failed 0, knack_only 0",
        summary());
  }

  @Test
  void numbersInTheSourceAgainstNumericStringsInKnackAreNotUpdates() throws Exception {
    String app = EmulatedKnackApps.appId("data-tracker");
    knack.insert(
        app,
        "object_189",
        json(
            "{\"field_3687\":\"1027\",\"field_3688\":\"43\",\"field_3584\":\"2400.00\",\"field_3585\":\"2410\",\"field_3689\":\"Arterial"
                + " Management\",\"field_3586\":\"AMD\",\"field_3588\":\"A\"}"));
    knack.insert(
        app,
        "object_189",
        json(
            "{\"field_3687\":\"1031\",\"field_3688\":\"43.0\",\"field_3584\":\"2400\",\"field_3585\":\"2411\",\"field_3689\":\"Signs"
                + " & Markings\",\"field_3586\":\"S&M\",\"field_3588\":\"A\"}"));
    knack.insert(app, "object_189", json("{\"field_3687\":\"9999\",\"field_3688\":\"1\"}"));

    assertEquals(0, publish("units", "data-tracker", "--dryRun"), stderr);

    assertEquals(
        "units → data-tracker (object_189) [dry run]: read 5, knack records 3, would create 3,"
            + " would update 0, unchanged 2, knack_only 1",
        summary());
    assertEquals("[]\n", s3.get("finance/plans/units-data-tracker-updates.json"));
    assertEquals(
        3,
        s3.get("finance/plans/units-data-tracker-creates.json")
            .lines()
            .filter(l -> l.startsWith("{"))
            .count());
    assertEquals(3, stored("data-tracker", "object_189").size(), "a dry run writes nothing");
  }

  @Test
  void aDryRunReportsEachUpdatesChangedFieldsOldAndNew() throws Exception {
    assertEquals(0, publish("objects", "finance-purchasing"), stderr);
    s3.put(
        "finance/objects.json",
        Expected.financeFile("objects")
            .replace("\"Misc. office supplies\"", "\"Office supplies\""));

    assertEquals(0, publish("objects", "finance-purchasing", "--dryRun"), stderr);

    assertEquals(
        "objects → finance-purchasing (object_6) [dry run]: read 3, knack records 3, would create"
            + " 0, would update 1, unchanged 2, knack_only 0",
        summary());
    String id =
        stored("finance-purchasing", "object_6").stream()
            .filter(record -> record.path("field_76_raw").asText().equals("7215"))
            .findFirst()
            .orElseThrow()
            .path("id")
            .asText();
    assertEquals(
        "[\n{\"key\":\"7215\",\"id\":\""
            + id
            + "\",\"changes\":{\"field_75\":{\"old\":\"Misc. office supplies\","
            + "\"new\":\"Office supplies\"}}}\n]\n",
        s3.get("finance/plans/objects-finance-purchasing-updates.json"));
    assertEquals(
        "{\"record_type\":\"objects\",\"app\":\"finance-purchasing\",\"object\":\"object_6\",\"read\":3,\"knack_records\":3,\"create\":0,\"update\":1,\"unchanged\":2,\"knack_only\":0,\"knack_duplicate_keys\":0}\n",
        s3.get("finance/plans/objects-finance-purchasing-plan.json"));
    assertEquals(
        1,
        stored("finance-purchasing", "object_6").stream()
            .filter(record -> record.path("field_75_raw").asText().equals("Misc. office supplies"))
            .count(),
        "a dry run writes nothing");
  }

  @Test
  void withFaultsEveryRecordLandsExactlyOnceAndASecondRunSendsNothing() throws Exception {
    StringBuilder file = new StringBuilder("[\n");
    for (int i = 1; i <= 40; i++) {
      file.append(i == 1 ? "" : ",\n")
          .append("{\"OBJ_CODE\":\"")
          .append(7000 + i)
          .append("\",\"OBJ_LONG_NAME\":\"Object ")
          .append(i)
          .append("\"}");
    }
    s3.put("finance/objects.json", file.append("\n]\n").toString());
    knack.faults().serverErrors(0.2).rateLimitBursts(0.1).lateCreates(0.2, Duration.ofMillis(1500));

    assertEquals(0, publish("objects", "finance-purchasing", "--knackTimeoutSeconds=1"), stderr);
    assertEquals(
        "objects → finance-purchasing (object_6): read 40, knack records 0, created 40, updated 0,"
            + " unchanged 0, failed 0, knack_only 0",
        summary());

    Map<String, Long> perKey = recordsPerObjectCode();
    assertEquals(40, perKey.size());
    assertTrue(perKey.values().stream().allMatch(count -> count == 1), "duplicates: " + perKey);

    int writesBefore = knack.writes();
    assertEquals(0, publish("objects", "finance-purchasing", "--knackTimeoutSeconds=1"), stderr);
    assertEquals(
        "objects → finance-purchasing (object_6): read 40, knack records 40, created 0, updated 0,"
            + " unchanged 40, failed 0, knack_only 0",
        summary());
    assertEquals(40, stored("finance-purchasing", "object_6").size());
    assertEquals(writesBefore, knack.writes(), "the second run sends nothing");
  }

  /** How many Knack records each object code has. */
  private Map<String, Long> recordsPerObjectCode() {
    return stored("finance-purchasing", "object_6").stream()
        .collect(
            Collectors.groupingBy(
                record -> record.path("field_76_raw").asText(),
                TreeMap::new,
                Collectors.counting()));
  }

  /**
   * {@code count} objects in the source file, and (when {@code inKnack}) the same in Knack, as if
   * published before.
   */
  private void objects(int count, boolean inKnack) {
    StringBuilder file = new StringBuilder("[\n");
    for (int i = 1; i <= count; i++) {
      file.append(i == 1 ? "" : ",\n")
          .append("{\"OBJ_CODE\":\"")
          .append(7000 + i)
          .append("\",\"OBJ_LONG_NAME\":\"Object ")
          .append(i)
          .append("\"}");
      if (inKnack) {
        knack.insert(
            EmulatedKnackApps.appId("finance-purchasing"),
            "object_6",
            Json.MAPPER
                .createObjectNode()
                .put("field_76", Integer.toString(7000 + i))
                .put("field_75", "Object " + i));
      }
    }
    s3.put("finance/objects.json", file.append("\n]\n").toString());
  }

  @Test
  void everyIncompleteReadStopsTheRunBeforeAnyWriteAndAnOffByLittleTotalStillRuns() {
    objects(1500, true); // two pages of 1000
    String first = stored("finance-purchasing", "object_6").get(0).path("id").asText();
    String stop = "; stopping before any write rather than planning from an incomplete read";
    Map<Runnable, String> faults = new LinkedHashMap<>();
    faults.put(
        () -> knack.faults().emptyPages(4),
        "incomplete read: page 1 of 2 came back with 0 of 1000 records 4 times, but page 2 has 500"
            + stop);
    faults.put(
        () -> knack.faults().pageWithoutRecords(2),
        "page 2 was answered 200 without \"records\""
            + " ({\"total_pages\":2,\"current_page\":2,\"total_records\":1500})"
            + stop);
    faults.put(
        () -> knack.faults().wrongTotalRecords(11),
        "incomplete read: read 1500 records, but page 1 promised 1511 (10 fewer are tolerated,"
            + " since Knack's total can be off)"
            + stop);
    faults.put(
        () -> knack.faults().repeatedPages(true),
        "incomplete read: page 2 repeats record "
            + first
            + " of page 1, so the records that belong on page 2 were not read"
            + stop);
    for (Map.Entry<Runnable, String> fault : faults.entrySet()) {
      knack.faults().none();
      knack.resetShortPages();
      fault.getKey().run();

      assertEquals(1, publish("objects", "finance-purchasing"), fault.getValue());

      assertEquals(
          "error: s3-to-knack failed: KnackException: Knack app finance-purchasing, object_6: "
              + fault.getValue(),
          stderr.lines().findFirst().orElse(""));
      assertEquals(0, knack.writes(), "nothing was written");
    }

    // The story of the issue: page 1 empty once, then whole. And a total off by the tolerance.
    knack.faults().none().emptyPages(1).wrongTotalRecords(10);
    knack.resetShortPages();
    assertEquals(0, publish("objects", "finance-purchasing"), stderr);
    assertEquals(
        "objects → finance-purchasing (object_6): read 1500, knack records 1500, created 0, updated"
            + " 0, unchanged 1500, failed 0, knack_only 0",
        summary());
    assertEquals(0, knack.writes());
  }

  @Test
  void twoRunsOfTheSamePlanAtOnceCreateEveryKeyOnce() throws Exception {
    objects(30, false);
    ExecutorService runs = Executors.newFixedThreadPool(2);
    try {
      List<Future<Run>> both = new ArrayList<>();
      for (int i = 0; i < 2; i++) {
        both.add(runs.submit(() -> launch("objects", "finance-purchasing")));
      }
      long kept = 0;
      for (Future<Run> run : both) {
        assertEquals(0, run.get().exit(), run.get().err());
        // Each run's records created, less its copies removed for an overlapping run's older one.
        kept +=
            number(run.get().out(), "created (\\d+)")
                - number(run.get().out(), "overlapping run removed (\\d+)");
      }
      assertEquals(30, kept);
    } finally {
      runs.shutdownNow();
    }

    Map<String, Long> perKey = recordsPerObjectCode();
    assertEquals(30, perKey.size());
    assertEquals(
        List.of(1L), perKey.values().stream().distinct().toList(), "duplicates: " + perKey);
  }

  @Test
  void aRecordDeletedSinceTheReadIsOneDeadLetterTheOtherUpdateIsWrittenExit4() throws Exception {
    assertEquals(0, publish("units", "finance-purchasing"), stderr);
    s3.put(
        "finance/units.json",
        Expected.financeFile("units")
            .replace("\"Arterial Management\"", "\"Arterial Management & Signals\"")
            .replace("\"Capital Delivery\"", "\"Capital Delivery Services\""));
    knack.faults().deletedBeforeUpdate(1);

    assertEquals(4, publish("units", "finance-purchasing"), stderr);

    JsonNode deadLetters =
        Json.MAPPER.readTree(
            s3.get("finance/dead-letters/units-finance-purchasing-dead-letters.json"));
    assertEquals(1, deadLetters.size(), deadLetters.toString());
    assertEquals("update", deadLetters.get(0).path("action").asText());
    assertEquals(
        "Knack app finance-purchasing, object_7: HTTP 404 Record "
            + deadLetters.get(0).path("id").asText()
            + " not found",
        deadLetters.get(0).path("error").asText());
    String lost = deadLetters.get(0).path("key").asText();
    Map<String, String> names =
        rawByKey("finance-purchasing", "object_7", "field_902", "field_904");
    assertEquals(4, names.size());
    assertFalse(names.containsKey(lost));
    assertEquals(
        1,
        names.values().stream()
            .filter(
                name ->
                    name.equals("\"Arterial Management & Signals\"")
                        || name.equals("\"Capital Delivery Services\""))
            .count(),
        "the other update was written: " + names);
  }

  @Test
  void theCreatesRailRefusesAMassCreateNamingBothCountsAndTheOverrideAndAnEmptyObjectPasses() {
    assertEquals(
        0,
        publish("units", "finance-purchasing"),
        stderr); // the first load: 5 creates into an empty object
    String more =
        Expected.financeFile("units")
            .replace(
                "\n]",
                ",\n"
                    + "{\"DEPT_UNIT_ID\":4001,\"DEPT_ID\":70,\"DEPT\":7000,\"UNIT\":\"7001\",\"UNIT_LONG_NAME\":\"A\",\"UNIT_SHORT_NAME\":\"A\",\"DEPT_UNIT_STATUS\":\"A\"},\n"
                    + "{\"DEPT_UNIT_ID\":4002,\"DEPT_ID\":70,\"DEPT\":7000,\"UNIT\":\"7002\",\"UNIT_LONG_NAME\":\"B\",\"UNIT_SHORT_NAME\":\"B\",\"DEPT_UNIT_STATUS\":\"A\"},\n"
                    + "{\"DEPT_UNIT_ID\":4003,\"DEPT_ID\":70,\"DEPT\":7000,\"UNIT\":\"7003\",\"UNIT_LONG_NAME\":\"C\",\"UNIT_SHORT_NAME\":\"C\",\"DEPT_UNIT_STATUS\":\"A\"}\n"
                    + "]");
    s3.put("finance/units.json", more);
    int writesBefore = knack.writes();

    assertEquals(3, publish("units", "finance-purchasing"), stderr);
    assertEquals(
        "error: s3-to-knack: units → finance-purchasing (object_7): the plan would create 3"
            + " records, more than 50% of the 5 Knack records; nothing was sent to Knack; see them"
            + " with --dryRun (they go to "
            + s3.bucketUrl()
            + "finance/plans/units-finance-purchasing-creates.json), and rerun with"
            + " --allowMassCreate to create them anyway\n",
        stderr);
    assertEquals(writesBefore, knack.writes());

    assertEquals(0, publish("units", "finance-purchasing", "--allowMassCreate"), stderr);
    assertEquals(
        "units → finance-purchasing (object_7): read 8, knack records 5, created 3, updated 0,"
            + " unchanged 5, failed 0, knack_only 0",
        summary());
  }

  @Test
  void aRecordKnackRefusesIsADeadLetterAndTheOthersStillGo() throws Exception {
    knack.close();
    knack = KnackEmulator.start();
    EmulatedKnackApps.define(knack, FieldMaps.load().all());
    // In this app the master agreement's department is a number field, so text in it is refused.
    knack.addObject(
        EmulatedKnackApps.appId("finance-purchasing"),
        "object_13",
        Map.of("field_222", KnackEmulator.FieldType.NUMBER));
    s3.put(
        "finance/master_agreements.json",
        Expected.financeFile("master_agreements")
            .replace(
                "\"DOC_DEPT_CD\":\"2400\",\"DOC_ID\":\"MA 2400 21000087\"",
                "\"DOC_DEPT_CD\":\"24OO\",\"DOC_ID\":\"MA 2400 21000087\""));

    assertEquals(4, publish("master_agreements", "finance-purchasing"));

    assertEquals(
        "master_agreements → finance-purchasing (object_13): read 3, knack records 0, created 2,"
            + " updated 0, unchanged 0, failed 1, knack_only 0",
        stderr
            .lines()
            .filter(line -> line.startsWith("error:"))
            .findFirst()
            .orElse(stderr)
            .replace("error: s3-to-knack: ", ""));
    assertTrue(
        stderr.contains(
            "1 records could not be written; see the dead letters: "
                + s3.bucketUrl()
                + "finance/dead-letters/master_agreements-finance-purchasing-dead-letters.json"),
        stderr);
    ObjectNode deadLetter =
        (ObjectNode)
            Json.MAPPER
                .readTree(
                    s3.get(
                        "finance/dead-letters/master_agreements-finance-purchasing-dead-letters.json"))
                .get(0);
    assertEquals("MA 2400 21000087", deadLetter.path("key").asText());
    assertEquals("create", deadLetter.path("action").asText());
    assertEquals(
        "Knack app finance-purchasing, object_13: HTTP 400 '24OO' is not a number",
        deadLetter.path("error").asText());

    // The failed run's report: exit 4, the headline, where the dead letters are, and the counts.
    JsonNode report = Json.MAPPER.readTree(s3.get(runReport.substring(s3.bucketUrl().length())));
    assertEquals(4, report.path("exit").path("code").asInt());
    assertEquals(
        "1 records could not be written; see the dead letters: "
            + s3.bucketUrl()
            + "finance/dead-letters/master_agreements-finance-purchasing-dead-letters.json",
        report.path("error").asText());
    assertEquals(
        s3.bucketUrl()
            + "finance/dead-letters/master_agreements-finance-purchasing-dead-letters.json",
        report.path("details").path("dead letters").asText());
    long failed = 0;
    for (JsonNode step : report.path("counters")) {
      failed += step.path(KnackMetrics.FAILED).asLong();
    }
    assertEquals(1, failed);
    assertEquals("24OO", deadLetter.path("record").path("field_222").asText());
    assertEquals(2, stored("finance-purchasing", "object_13").size());
    assertFalse((stdout + stderr).contains(EmulatedKnackApps.API_KEY), "the API key was printed");
  }

  @Test
  void aShareOfUpdatesOutsideZeroToOneIsAUsageErrorBeforeAnyIo() {
    assertEquals(2, publish("units", "finance-purchasing", "--maxUpdateShare=60"));
    assertEquals(
        "error: s3-to-knack: --maxUpdateShare must be between 0 and 1 (0.5 is 50%), not 60.0\n",
        stderr);
    assertEquals(0, knack.requests());
  }

  @Test
  void aRecordTypeTheAppDoesNotTakeIsAUsageErrorBeforeAnyIo() {
    assertEquals(2, publish("objects", "data-tracker"));
    assertEquals(
        "error: s3-to-knack: record type 'objects' is not configured for app 'data-tracker'; it"
            + " goes to: finance-purchasing\n",
        stderr);
    assertEquals(0, knack.requests());
  }

  private static long number(String text, String regex) {
    java.util.regex.Matcher matcher = java.util.regex.Pattern.compile(regex).matcher(text);
    assertTrue(matcher.find(), regex + " in " + text);
    return Long.parseLong(matcher.group(1));
  }

  private static ObjectNode json(String text) throws Exception {
    return (ObjectNode) Json.MAPPER.readTree(text);
  }
}
