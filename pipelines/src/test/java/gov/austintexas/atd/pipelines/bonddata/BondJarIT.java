package gov.austintexas.atd.pipelines.bonddata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gov.austintexas.atd.pipelines.Printed;
import gov.austintexas.atd.pipelines.RunnableJar;
import gov.austintexas.atd.pipelines.microstrategytos3.ReportCsv;
import gov.austintexas.atd.standins.microstrategy.BondReportFixtures;
import gov.austintexas.atd.standins.microstrategy.MicroStrategyEmulator;
import gov.austintexas.atd.standins.microstrategy.ReportFixture;
import gov.austintexas.atd.testing.PostgresSchema;
import gov.austintexas.atd.testing.S3MockServer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Both bond ingest pipelines through the runnable jar, as a scheduler runs them, configured by the
 * old tool's environment variables: the report from the emulator to S3Mock, then that file from
 * S3Mock into PostgreSQL.
 */
class BondJarIT {
  private static final String PASSWORD = "mstr-never-log-me-5d2c";
  private static final String PROJECT = "B7CA92F04B9FAE8D941C3E9B7E0CD754";
  private static final String REPORT = "2020 Bond Expenses Obligated";
  private static final ReportFixture FIXTURE = BondReportFixtures.bond2020ExpensesObligated(120);

  @RegisterExtension static final S3MockServer s3 = new S3MockServer();
  @RegisterExtension static final PostgresSchema postgres = new PostgresSchema();
  private static MicroStrategyEmulator emulator;

  @BeforeAll
  static void start() throws Exception {
    emulator =
        MicroStrategyEmulator.start("etl", PASSWORD, PROJECT)
            .withReport("D6BC5BD13143FF3129F3318F589EBD51", FIXTURE);
  }

  @AfterAll
  static void stop() {
    emulator.close();
  }

  record Run(int exit, String out, String err) {}

  private static Run jar(Map<String, String> env, List<String> args) throws Exception {
    Path out = Files.createTempFile("atd-out", ".txt");
    Path err = Files.createTempFile("atd-err", ".txt");
    List<String> command = new ArrayList<>(RunnableJar.command(args));
    command.addAll(s3.pipelineArgs());
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
    builder.environment().keySet().removeIf(name -> name.startsWith("PG") || name.equals("BUCKET"));
    builder.environment().putAll(env);
    Process process = builder.start();
    if (!process.waitFor(5, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new AssertionError("the jar did not finish in 5 minutes: " + command);
    }
    return new Run(
        process.exitValue(),
        Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }

  private static Map<String, String> microStrategyEnvironment(String password) {
    Map<String, String> env = new HashMap<>();
    env.put("BASE_URL", emulator.baseUrl());
    env.put("MSTRO_USERNAME", "etl");
    env.put("MSTRO_PASSWORD", password);
    env.put("PROJECT_ID", PROJECT);
    env.put("BUCKET", s3.bucket());
    return env;
  }

  @Test
  void theReportGoesToS3AndFromThereIntoItsTable() throws Exception {
    Run report =
        jar(
            microStrategyEnvironment(PASSWORD),
            List.of("microstrategy-to-s3", "--reportName=" + REPORT, "--pageSize=50"));

    assertEquals(0, report.exit(), report.err());
    assertEquals(
        REPORT + ": 120 rows written to " + s3.bucketUrl() + REPORT + ".csv\n",
        Printed.of(report.out()).text());
    assertEquals(ReportCsv.expected(ReportCsv.BOND_2020_HEADER, FIXTURE), s3.get(REPORT + ".csv"));
    assertFalse(
        report.out().contains(PASSWORD) || report.err().contains(PASSWORD),
        "the password was printed");

    Run load =
        jar(
            Map.of("BUCKET", s3.bucket()),
            List.of(
                "bond-data",
                "--source=expenses_obligated_2020_bond_raw",
                "--jdbcUrl=" + postgres.jdbcUrl(),
                "--dbUser=" + PostgresSchema.user(),
                "--reportDir=" + s3.bucketUrl() + "reports/"));

    assertEquals(0, load.exit(), load.err());
    List<String> lines =
        load.out().lines().filter(line -> !line.equals("null")).toList(); // Beam 2.70 prints "null"
    assertEquals(
        "expenses_obligated_2020_bond_raw: 120 rows loaded from "
            + s3.bucketUrl()
            + REPORT
            + ".csv",
        lines.get(0));
    assertTrue(lines.get(1).startsWith("bond-data: 1 table replaced, updated_at "), lines.get(1));
    BigDecimal obligated = BigDecimal.ZERO;
    BigDecimal expenses = BigDecimal.ZERO;
    List<LocalDate> dates = new ArrayList<>();
    for (int i = 0; i < FIXTURE.rowCount(); i++) {
      dates.add(
          LocalDate.parse(
              FIXTURE.row(i).attributeForms().get(2).get(0),
              DateTimeFormatter.ofPattern("MM/dd/yyyy")));
      List<BigDecimal> metrics = FIXTURE.row(i).metrics();
      obligated = metrics.get(0) == null ? obligated : obligated.add(metrics.get(0));
      expenses = metrics.get(1) == null ? expenses : expenses.add(metrics.get(1));
    }
    assertEquals(
        "120|"
            + obligated.toPlainString()
            + "|"
            + expenses.toPlainString()
            + "|"
            + Collections.min(dates)
            + "|"
            + Collections.max(dates),
        query(
            "SELECT count(*) || '|' || sum(obligated) || '|' || sum(expenses) || '|' || min(date)"
                + " || '|' || max(date) FROM expenses_obligated_2020_bond_raw"));
  }

  @Test
  void aWrongPasswordIsOneClearLineAndExitCode1() throws Exception {
    s3.put("kept/" + REPORT + ".csv", "yesterday\n");
    Run run =
        jar(
            microStrategyEnvironment("wrong-" + PASSWORD),
            List.of(
                "microstrategy-to-s3",
                "--reportName=" + REPORT,
                "--output=" + s3.bucketUrl() + "kept/"));

    assertEquals(1, run.exit());
    String error =
        run.err().lines().filter(line -> line.startsWith("error:")).findFirst().orElse(run.err());
    assertTrue(
        error.startsWith(
            "error: microstrategy-to-s3 failed: LoginRefused: MicroStrategy refused the login of"
                + " user 'etl' at "
                + emulator.baseUrl()
                + " (HTTP 401 ERR003"),
        error);
    assertFalse(
        run.out().contains(PASSWORD) || run.err().contains(PASSWORD), "the password was printed");
    assertEquals("yesterday\n", s3.get("kept/" + REPORT + ".csv"));
  }

  private static String query(String sql) throws Exception {
    return postgres.queryOne(sql);
  }
}
