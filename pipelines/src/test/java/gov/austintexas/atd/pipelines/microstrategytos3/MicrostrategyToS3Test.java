package gov.austintexas.atd.pipelines.microstrategytos3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gov.austintexas.atd.pipelines.Launcher;
import gov.austintexas.atd.pipelines.Printed;
import gov.austintexas.atd.standins.microstrategy.BondReportFixtures;
import gov.austintexas.atd.standins.microstrategy.MicroStrategyEmulator;
import gov.austintexas.atd.standins.microstrategy.ReportFixture;
import gov.austintexas.atd.testing.S3MockServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code microstrategy-to-s3} through the launcher: the production client over real HTTP to the
 * emulator, and the file through Beam's S3 filesystem into S3Mock.
 */
class MicrostrategyToS3Test {
  private static final String PASSWORD = "mstr-pw-9c41e";
  private static final String PROJECT = "B7CA92F04B9FAE8D941C3E9B7E0CD754";
  private static final String ALL_BONDS = "All bonds Expenses Obligated";
  private static final String BOND_2020 = "2020 Bond Expenses Obligated";

  @RegisterExtension static final S3MockServer s3 = new S3MockServer();

  private MicroStrategyEmulator emulator;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @BeforeEach
  void start() throws Exception {
    emulator = MicroStrategyEmulator.start("etl", PASSWORD, PROJECT);
  }

  @AfterEach
  void stop() {
    emulator.close();
  }

  private Map<String, String> environment() {
    Map<String, String> env = new HashMap<>();
    env.put("BASE_URL", emulator.baseUrl() + "/api");
    env.put("MSTRO_USERNAME", "etl");
    env.put("MSTRO_PASSWORD", PASSWORD);
    env.put("PROJECT_ID", PROJECT);
    env.put("BUCKET", s3.bucket());
    return env;
  }

  private int run(Map<String, String> env, String... options) {
    List<String> args = new ArrayList<>(List.of("microstrategy-to-s3"));
    args.addAll(s3.pipelineArgs());
    args.add("--mstrTimeoutSeconds=5");
    args.addAll(List.of(options));
    return new Launcher(
            env,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8))
        .run(args.toArray(new String[0]));
  }

  private String out() {
    return Printed.of(out.toString(StandardCharsets.UTF_8)).text();
  }

  private String err() {
    return Printed.of(err.toString(StandardCharsets.UTF_8)).text();
  }

  private List<String> keysUnder(String prefix) {
    // The run reports go to reports/ next to the file; the rest must be just the file.
    return s3.keys().stream()
        .filter(key -> key.startsWith(prefix) && !key.startsWith(prefix + "reports/"))
        .toList();
  }

  @Test
  void a3500RowReportReadIn1000RowPagesIsTheExactCsvDespiteAFailedPageAndAnExpiredSession() {
    ReportFixture fixture = BondReportFixtures.allBondsExpensesObligated(3500);
    emulator.withReport("077C066E6C4BF56B081F96A3E405D83C", fixture);
    emulator.failPageOnce(2000);
    emulator.expireSessionAtPage(2000);
    s3.put("all/" + ALL_BONDS + ".csv", "yesterday's file\n");

    int exit =
        run(
            environment(),
            "--reportName=" + ALL_BONDS,
            "--output=" + s3.bucketUrl() + "all/",
            "--pageSize=1000");

    assertEquals(0, exit, err());
    assertEquals(
        ALL_BONDS + ": 3500 rows written to " + s3.bucketUrl() + "all/" + ALL_BONDS + ".csv\n",
        out());
    assertEquals(
        ReportCsv.expected(ReportCsv.ALL_BONDS_HEADER, fixture),
        s3.get("all/" + ALL_BONDS + ".csv"));
    assertEquals(
        List.of("all/" + ALL_BONDS + ".csv"), keysUnder("all/"), "no staging parts are left");
    assertEquals(0, emulator.openSessions(), "logged out");
    assertTrue(emulator.logins() > 1, "the expired session was renewed: " + emulator.requests());
  }

  @Test
  void singleFormAttributesAreColumnsNamedAfterTheAttributeAndTheBucketComesFromBUCKET() {
    ReportFixture fixture = BondReportFixtures.bond2020ExpensesObligated(25);
    emulator.withReport("D6BC5BD13143FF3129F3318F589EBD51", fixture);

    int exit =
        run(environment(), "--reportName=" + BOND_2020, "--pageSize=10", "--parallelPages=1");

    assertEquals(0, exit, err());
    String csv = s3.get(BOND_2020 + ".csv");
    assertEquals(ReportCsv.expected(ReportCsv.BOND_2020_HEADER, fixture), csv);
    assertEquals(
        "Fund,Department,Date,Group,Fiscal Year,Division,Obligated,Expenses\n"
            + "8012,6000,10/01/2019,5216,2020,6207,,\n"
            + "8012,6000,10/08/2019,5216,2020,6207,-2920.81,1047.29\n",
        csv.lines().limit(3).map(line -> line + "\n").reduce("", String::concat));
  }

  @Test
  void flinkWritesTheSameFile() {
    ReportFixture fixture = BondReportFixtures.allBondsExpensesObligated(120);
    emulator.withReport("077C066E6C4BF56B081F96A3E405D83C", fixture);

    int exit =
        run(
            environment(),
            "--reportName=" + ALL_BONDS,
            "--output=" + s3.bucketUrl() + "flink/",
            "--pageSize=25",
            "--runner=FlinkRunner",
            "--flinkMaster=[local]",
            "--parallelism=2");

    assertEquals(0, exit, err());
    assertEquals(
        ReportCsv.expected(ReportCsv.ALL_BONDS_HEADER, fixture),
        s3.get("flink/" + ALL_BONDS + ".csv"));
    assertEquals(List.of("flink/" + ALL_BONDS + ".csv"), keysUnder("flink/"));
  }

  @Test
  void aWrongPasswordFailsClearlyAndWritesNothing() {
    emulator.withReport(
        "077C066E6C4BF56B081F96A3E405D83C", BondReportFixtures.allBondsExpensesObligated(10));
    s3.put("kept/" + ALL_BONDS + ".csv", "yesterday's file\n");
    Map<String, String> env = environment();
    env.put("MSTRO_PASSWORD", "wrong-pw-77ad");

    int exit = run(env, "--reportName=" + ALL_BONDS, "--output=" + s3.bucketUrl() + "kept/");

    assertEquals(1, exit);
    String firstLine = err().lines().findFirst().orElse("");
    assertTrue(
        firstLine.startsWith(
            "error: microstrategy-to-s3 failed: LoginRefused: MicroStrategy refused the login of"
                + " user 'etl' at "
                + emulator.baseUrl()
                + " (HTTP 401 ERR003: Login failure: wrong user name or password"),
        firstLine);
    assertTrue(firstLine.endsWith("; check the user name and password"), firstLine);
    assertFalse(
        err().contains("wrong-pw-77ad") || out().contains("wrong-pw-77ad"),
        "the password was printed");
    assertEquals("yesterday's file\n", s3.get("kept/" + ALL_BONDS + ".csv"));
    assertEquals(List.of("kept/" + ALL_BONDS + ".csv"), keysUnder("kept/"));
    assertEquals(List.of("POST /api/auth/login -> 401"), emulator.requests());
  }

  @Test
  void aGridThatDoesNotAddUpFailsAsBadDataAndWritesNothing() {
    emulator.withReport(
        "077C066E6C4BF56B081F96A3E405D83C", BondReportFixtures.allBondsExpensesObligated(300));
    emulator.corruptPageOnce(200, MicroStrategyEmulator.GridFault.FEWER_METRIC_ROWS);
    s3.put("grid/" + ALL_BONDS + ".csv", "yesterday's file\n");

    int exit =
        run(
            environment(),
            "--reportName=" + ALL_BONDS,
            "--output=" + s3.bucketUrl() + "grid/",
            "--pageSize=100");

    assertEquals(3, exit, err());
    assertEquals(
        "error: microstrategy-to-s3: report 077C066E6C4BF56B081F96A3E405D83C, page 3 (rows from"
            + " 200): 100 header rows but 99 metric rows (from row 299)\n",
        err());
    assertEquals("yesterday's file\n", s3.get("grid/" + ALL_BONDS + ".csv"));
    assertEquals(
        List.of("grid/" + ALL_BONDS + ".csv"), keysUnder("grid/"), "no staging parts either");
    assertEquals(0, emulator.openSessions());
  }

  @Test
  void aReportWithNoRowsFailsAsBadDataAndLeavesTheOldFile() {
    emulator.withReport(
        "077C066E6C4BF56B081F96A3E405D83C", BondReportFixtures.allBondsExpensesObligated(0));
    s3.put("empty/" + ALL_BONDS + ".csv", "yesterday's file\n");

    int exit =
        run(environment(), "--reportName=" + ALL_BONDS, "--output=" + s3.bucketUrl() + "empty/");

    assertEquals(3, exit, err());
    assertEquals(
        "error: microstrategy-to-s3: "
            + ALL_BONDS
            + ".csv: the report returned no rows; "
            + s3.bucketUrl()
            + "empty/"
            + ALL_BONDS
            + ".csv was left as it was\n",
        err());
    assertEquals("yesterday's file\n", s3.get("empty/" + ALL_BONDS + ".csv"));
    assertEquals(0, emulator.openSessions());
  }

  @Test
  void anUnknownReportNameListsTheConfiguredNames() {
    int exit = run(environment(), "--reportName=2016 Bond Expenses");

    assertEquals(2, exit);
    assertEquals(
        "error: microstrategy-to-s3: unknown report '2016 Bond Expenses'; configured: 2020 Bond"
            + " Expenses Obligated, All bonds Expenses Obligated\n",
        err());
    assertEquals(List.of(), emulator.requests());
  }

  @Test
  void missingServerSettingsAreNamedBeforeAnyCall() {
    int exit =
        run(
            Map.of("BUCKET", "b"),
            "--reportName=" + BOND_2020,
            "--mstrBaseUrl=" + emulator.baseUrl());

    assertEquals(2, exit);
    assertEquals(
        "error: microstrategy-to-s3: MicroStrategy is not configured: set --mstrUser (or"
            + " MSTRO_USERNAME), --mstrPassword (or MSTRO_PASSWORD), --mstrProjectId (or"
            + " PROJECT_ID)\n",
        err());
    assertEquals(List.of(), emulator.requests());
  }
}
