package gov.austintexas.atd.pipelines;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import gov.austintexas.atd.transforms.jdbc.SqlScript;
import gov.austintexas.atd.transforms.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The run report the launcher writes after every run: its name, contents, and no secrets. */
class RunReportTest {
  private static final String PASSWORD = "h2-Pa55word-never-shown";
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-11-21T07:44:45.123Z"), ZoneOffset.UTC);

  /** The settings block of the run below: where each came from, never a value. */
  private static final String SETTINGS =
      "{\"allowShrink\":\"default\",\"awsCredentialsProvider\":\"default (the AWS SDK's chain:"
          + " AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, the profile, the instance"
          + " role)\",\"awsRegion\":\"default (us-east-1, with cross-region"
          + " access)\",\"configDir\":\"not"
          + " set\",\"dbConnectTimeoutSeconds\":\"default\",\"dbHost\":\"not"
          + " set\",\"dbPassword\":\"option\",\"dbPort\":\"not set\",\"dbService\":\"not"
          + " set\",\"dbSocketTimeoutSeconds\":\"default\",\"dbStatementTimeoutSeconds\":\"default\",\"dbUser\":\"option\",\"endpoint\":\"not"
          + " set\",\"fetchSize\":\"default\",\"jdbcUrl\":\"option\",\"logFormat\":\"default\",\"logLevel\":\"variable"
          + " ATD_LOG_LEVEL\",\"minRowShare\":\"default\",\"output\":\"option\",\"recordType\":\"option\",\"reportDir\":\"not"
          + " set\",\"runId\":\"option\",\"runner\":\"default\",\"s3PathStyleAccess\":\"default\"}";

  @TempDir Path directory;
  private final String jdbcUrl = "jdbc:h2:mem:report-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
  private Connection database;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @BeforeEach
  void loadSampleData() throws Exception {
    database = DriverManager.getConnection(jdbcUrl, "etl", PASSWORD);
    try (Statement statement = database.createStatement()) {
      for (String sql : SqlScript.statements(Expected.sampleFinanceData())) {
        statement.execute(sql);
      }
    }
  }

  @AfterEach
  void dropDatabase() throws Exception {
    try (Statement statement = database.createStatement()) {
      statement.execute("SHUTDOWN");
    }
  }

  private int launch(String... args) {
    return launch(Map.of(), args);
  }

  private int launch(Map<String, String> environment, String... args) {
    return new Launcher(
            environment,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            CLOCK)
        .run(args);
  }

  private static JsonNode read(Path report) throws Exception {
    return Json.MAPPER.readTree(Files.readString(report));
  }

  @Test
  void aSuccessfulRunWritesItsReportNextToTheOutputAndPrintsWhere() throws Exception {
    String output = directory.resolve("finance") + "/";
    assertEquals(
        0,
        launch(
            "finance-to-s3",
            "--recordType=units",
            "--output=" + output,
            "--jdbcUrl=" + jdbcUrl,
            "--dbUser=etl",
            "--dbPassword=" + PASSWORD),
        err.toString(StandardCharsets.UTF_8));

    Path report = directory.resolve("finance/reports/finance-to-s3-units-20261121T074445Z.json");
    assertEquals(
        "units: 5 rows written to " + output + "units.json\n" + "run report: " + report + "\n",
        out.toString(StandardCharsets.UTF_8));
    String text = Files.readString(report);
    assertFalse(text.contains(PASSWORD), text);
    JsonNode json = Json.MAPPER.readTree(text);
    assertEquals("finance-to-s3", json.get("pipeline").asText());
    assertEquals("units", json.get("subject").asText());
    assertEquals("2026-11-21T07:44:45.123Z", json.get("start").asText());
    assertEquals("2026-11-21T07:44:45.123Z", json.get("end").asText());
    assertEquals(0, json.get("exit").get("code").asInt());
    assertEquals(ExitCode.SUCCESS.meaning, json.get("exit").get("meaning").asText());
    assertEquals(
        "[\"units: 5 rows written to " + output + "units.json\"]", json.get("summary").toString());
    assertEquals(
        "{\"Read units into units.json/Stream into a"
            + " part/ParMultiDo(StreamPart)\":{\"elements_written\":5}}",
        json.get("counters").toString());
    assertEquals("[]", json.get("failures").toString());
    JsonNode options = json.get("options");
    assertEquals("units", options.get("recordType").asText());
    assertEquals(output, options.get("output").asText());
    assertEquals("etl", options.get("dbUser").asText());
    assertEquals(MaskedOptions.MASK, options.get("dbPassword").asText());
  }

  @Test
  void theReportSaysWhichBuildRanItsRunIdAndWhereEverySettingCameFrom() throws Exception {
    String output = directory.resolve("finance") + "/";
    assertEquals(
        0,
        launch(
            Map.of("USER", "alice", "PASSWORD", "not-this-one", "ATD_LOG_LEVEL", "warn"),
            "finance-to-s3",
            "--recordType=units",
            "--output=" + output,
            "--jdbcUrl=" + jdbcUrl,
            "--dbUser=etl",
            "--dbPassword=" + PASSWORD,
            "--runId=manual__2026-11-21T07:44:45+00:00"),
        err.toString(StandardCharsets.UTF_8));

    String text =
        Files.readString(
            directory.resolve("finance/reports/finance-to-s3-units-20261121T074445Z.json"));
    assertFalse(
        text.contains(PASSWORD) || text.contains("not-this-one") || text.contains("alice"), text);
    JsonNode json = Json.MAPPER.readTree(text);
    assertEquals("manual__2026-11-21T07:44:45+00:00", json.get("runId").asText());
    BuildInfo build = BuildInfo.current();
    assertEquals(
        "{\"version\":\"0.1.0-SNAPSHOT\",\"commit\":\""
            + build.commit()
            + "\",\"dirty\":"
            + build.dirty()
            + "}",
        json.get("build").toString());
    assertEquals(SETTINGS, json.get("settings").toString());
  }

  @Test
  void aFailedRunWritesItsReportWithTheExitCodeAndTheError() throws Exception {
    String output = directory.resolve("finance") + "/";
    try (Statement statement = database.createStatement()) {
      statement.execute("DELETE FROM lu_dept_units");
    }
    assertEquals(
        3,
        launch(
            "finance-to-s3",
            "--recordType=units",
            "--output=" + output,
            "--jdbcUrl=" + jdbcUrl,
            "--dbUser=etl",
            "--dbPassword=" + PASSWORD));

    Path report = directory.resolve("finance/reports/finance-to-s3-units-20261121T074445Z.json");
    assertEquals(
        "error: finance-to-s3: units.json: no data was retrieved from the financial database; "
            + output
            + "units.json was left as it was\n"
            + "run report: "
            + report
            + "\n",
        err.toString(StandardCharsets.UTF_8));
    assertEquals("", out.toString(StandardCharsets.UTF_8));
    JsonNode json = read(report);
    assertEquals(3, json.get("exit").get("code").asInt());
    assertEquals(ExitCode.BAD_DATA.meaning, json.get("exit").get("meaning").asText());
    assertEquals(
        "units.json: no data was retrieved from the financial database; "
            + output
            + "units.json was left as it was",
        json.get("error").asText());
    assertFalse(json.has("summary") && json.get("summary").size() > 0);
  }

  @Test
  void aUsageErrorWritesAReportOnlyToAnExplicitReportDir() throws Exception {
    assertEquals(
        2,
        launch(
            "finance-to-s3",
            "--recordType=units",
            "--output=" + directory.resolve("out"),
            "--dbHost=db"));
    assertFalse(Files.exists(directory.resolve("out")), "a usage error writes nothing");

    err.reset();
    Path reports = directory.resolve("reports");
    assertEquals(
        2,
        launch(
            "finance-to-s3",
            "--recordType=units",
            "--output=" + directory.resolve("out"),
            "--dbHost=db",
            "--reportDir=" + reports));
    Path report = reports.resolve("finance-to-s3-units-20261121T074445Z.json");
    assertEquals(
        "error: finance-to-s3: the financial database is not configured: give --jdbcUrl, or set"
            + " --dbService (or SERVICE), --dbUser (or USER, read only with HOST and SERVICE set),"
            + " --dbPassword (or PASSWORD, read only with HOST and SERVICE set)\n"
            + "run report: "
            + report
            + "\n",
        err.toString(StandardCharsets.UTF_8));
    JsonNode json = read(report);
    assertEquals(2, json.get("exit").get("code").asInt());
    assertEquals("{}", json.get("counters").toString());
  }
}
