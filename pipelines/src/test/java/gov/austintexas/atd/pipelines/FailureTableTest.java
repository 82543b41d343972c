package gov.austintexas.atd.pipelines;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import gov.austintexas.atd.pipelines.s3toknack.S3ToKnack;
import gov.austintexas.atd.standins.demo.EmulatedKnackApps;
import gov.austintexas.atd.standins.demo.EmulatedMicroStrategy;
import gov.austintexas.atd.standins.demo.EmulatedSocrata;
import gov.austintexas.atd.standins.knack.KnackEmulator;
import gov.austintexas.atd.standins.microstrategy.MicroStrategyEmulator;
import gov.austintexas.atd.standins.socrata.SocrataEmulator;
import gov.austintexas.atd.testing.PostgresSchema;
import gov.austintexas.atd.testing.StallingServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every pipeline against each failure an operator meets (a bad URL, a secret that cannot be a
 * header, a server down, credentials refused, a stalled answer, bad input) through the launcher,
 * with a canary value in every secret variable and option: the exit code is the one in
 * docs/operations.md's table ({@link ExitCodeTable}), a stalled server ends the run within its time
 * limits, and the canary appears in no stdout, stderr (the launcher's and the logs'), run report,
 * plan or dead-letter file.
 */
class FailureTableTest {
  private static final String CANARY = "canary-13a-Zq7w";
  private static final String BAD_URL = "a URL option";
  private static final String BAD_HEADER = "a secret sent as an HTTP header";
  private static final String DOWN = "a server is down";
  private static final String REFUSED = "the credentials are refused";
  private static final String STALLED = "a stalled answer";
  private static final String BAD_DATA = "the input is wrong";

  /** The rows this test drives for every pipeline: each of their cells must be a case here. */
  private static final List<String> DRIVEN = List.of(BAD_URL, BAD_HEADER, DOWN, REFUSED, STALLED);

  private static final String FINANCE_DB =
      "jdbc:h2:mem:atd-failure-table-finance;DB_CLOSE_DELAY=-1";
  private static final String BOND_DB =
      "jdbc:h2:mem:atd-failure-table-bond;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1";
  private static final String RIGHT_PASSWORD = "the-right-one";
  private static final String SOURCE = "bond_2020_baseline_spend";

  @TempDir static Path directory;
  private static KnackEmulator knack;
  private static SocrataEmulator socrata;
  private static MicroStrategyEmulator microStrategy;
  private static StallingServer stalledHttp;
  private static StallingServer silentDatabase;
  private static int closedPort;
  private static List<Connection> databases = new ArrayList<>();
  private static Map<String, Map<String, Integer>> readme;

  /** A secret variable of every pipeline, each holding the canary. */
  private static Map<String, String> canaryEnvironment() {
    Map<String, String> env = new HashMap<>();
    for (String name :
        List.of(
            "PASSWORD",
            "PGPASSWORD",
            "KNACK_API_KEY",
            "SO_TOKEN",
            "SO_PASS",
            "SO_SECRET",
            "MSTRO_PASSWORD",
            "AWS_SECRET_ACCESS_KEY")) {
      env.put(name, CANARY + "-" + name.toLowerCase());
    }
    env.put("SO_USER", "canary-user");
    env.put("MSTRO_USERNAME", EmulatedMicroStrategy.USERNAME);
    env.put("PROJECT_ID", EmulatedMicroStrategy.PROJECT_ID);
    env.put("KNACK_APP_ID", EmulatedKnackApps.appId("finance-purchasing"));
    return env;
  }

  @BeforeAll
  static void start() throws Exception {
    readme = ExitCodeTable.read();
    knack = KnackEmulator.start();
    EmulatedKnackApps.define(knack, new S3ToKnack(Map.of()).fieldMaps().all());
    socrata = EmulatedSocrata.start();
    microStrategy = EmulatedMicroStrategy.start();
    stalledHttp = StallingServer.http();
    silentDatabase = StallingServer.silent();
    closedPort = StallingServer.closedPort();
    // In-memory databases that exist with another password, so a login with the canary is refused.
    databases.add(DriverManager.getConnection(FINANCE_DB, "sa", RIGHT_PASSWORD));
    databases.add(DriverManager.getConnection(BOND_DB, "sa", RIGHT_PASSWORD));
    Path finance = Files.createDirectories(directory.resolve("finance"));
    Files.writeString(finance.resolve("units.json"), Expected.financeFile("units"));
    Files.writeString(
        directory.resolve("invalid.csv"),
        "Dashboard DeptFundProgAct,Date,Amount\nx,13/31/2023,15\n");
  }

  @AfterAll
  static void stop() throws Exception {
    for (Connection database : databases) {
      database.close();
    }
    for (AutoCloseable service :
        new AutoCloseable[] {knack, socrata, microStrategy, stalledHttp, silentDatabase}) {
      if (service != null) {
        service.close();
      }
    }
  }

  /**
   * One pipeline meeting one failure: its arguments, and the variables changed from the canary
   * ones.
   */
  record Case(String failure, String pipeline, List<String> args, Map<String, String> env) {
    @Override
    public String toString() {
      return pipeline + ": " + failure;
    }
  }

  private static Case of(String failure, String pipeline, List<String> args, String... env) {
    Map<String, String> changed = new HashMap<>();
    for (int i = 0; i < env.length; i += 2) {
      changed.put(env[i], env[i + 1]);
    }
    return new Case(failure, pipeline, args, changed);
  }

  private static List<String> join(List<String> first, String... more) {
    List<String> all = new ArrayList<>(first);
    all.addAll(List.of(more));
    return all;
  }

  static Stream<Case> cases() throws IOException {
    String closed = "http://127.0.0.1:" + closedPort;
    String lineBreak = CANARY + "-first-line\r\n" + CANARY + "-second-line";

    List<String> finance =
        List.of(
            "finance-to-s3",
            "--recordType=units",
            "--dbConnectTimeoutSeconds=1",
            "--dbSocketTimeoutSeconds=1");
    List<String> knackArgs =
        List.of(
            "s3-to-knack",
            "--recordType=units",
            "--app=finance-purchasing",
            "--input=" + directory.resolve("finance") + "/",
            "--knackTimeoutSeconds=1",
            "--knackMaxRetries=1",
            "--knackRetryBackoffMillis=100");
    List<String> socrataArgs =
        List.of(
            "s3-to-socrata",
            "--dataset=dept_units",
            "--deptUnitsDataset=" + EmulatedSocrata.DEPT_UNITS,
            "--input=" + directory.resolve("finance") + "/",
            "--socrataTimeoutSeconds=1",
            "--socrataMaxRetries=1",
            "--socrataRetryBackoffMillis=100");
    List<String> mstr =
        List.of(
            "microstrategy-to-s3",
            "--reportName=" + EmulatedMicroStrategy.BOND_2020_REPORT,
            "--mstrTimeoutSeconds=1",
            "--mstrMaxRetries=1");
    List<String> bondData =
        List.of(
            "bond-data",
            "--source=" + SOURCE,
            "--httpTimeoutSeconds=1",
            "--dbUser=sa",
            "--dbPassword=" + RIGHT_PASSWORD);
    List<String> bondCalculations =
        List.of(
            "bond-calculations",
            "--socrataTimeoutSeconds=1",
            "--socrataMaxRetries=1",
            "--dbConnectTimeoutSeconds=1",
            "--dbSocketTimeoutSeconds=1");
    String socrataUp = "--socrataHost=" + socrata.baseUrl();

    return Stream.of(
        of(
            BAD_URL,
            "finance-to-s3",
            join(finance, "--jdbcUrl=jdbc:nosuch://db/x?password=" + CANARY)),
        of(
            DOWN,
            "finance-to-s3",
            join(
                finance,
                "--jdbcUrl=jdbc:oracle:thin:scott/"
                    + CANARY
                    + "@//127.0.0.1:"
                    + closedPort
                    + "/SVC")),
        of(
            REFUSED,
            "finance-to-s3",
            join(finance, "--jdbcUrl=" + FINANCE_DB, "--dbUser=sa", "--dbPassword=" + CANARY)),
        of(
            STALLED,
            "finance-to-s3",
            join(
                finance,
                "--jdbcUrl=jdbc:postgresql://127.0.0.1:"
                    + silentDatabase.port()
                    + "/finance?password="
                    + CANARY)),
        of(BAD_URL, "s3-to-knack", join(knackArgs, "--knackApiUrl=htp:/knack?api_key=" + CANARY)),
        of(
            BAD_HEADER,
            "s3-to-knack",
            join(knackArgs, "--knackApiUrl=" + knack.apiUrl()),
            "KNACK_API_KEY",
            lineBreak),
        of(DOWN, "s3-to-knack", join(knackArgs, "--knackApiUrl=" + closed + "/v1")),
        of(REFUSED, "s3-to-knack", join(knackArgs, "--knackApiUrl=" + knack.apiUrl())),
        of(STALLED, "s3-to-knack", join(knackArgs, "--knackApiUrl=" + stalledHttp.url() + "/v1")),
        of(BAD_URL, "s3-to-socrata", join(socrataArgs, "--socrataHost=http://:" + CANARY + "@")),
        of(BAD_HEADER, "s3-to-socrata", join(socrataArgs, socrataUp), "SO_TOKEN", lineBreak),
        of(DOWN, "s3-to-socrata", join(socrataArgs, "--socrataHost=" + closed)),
        of(REFUSED, "s3-to-socrata", join(socrataArgs, socrataUp)),
        of(STALLED, "s3-to-socrata", join(socrataArgs, "--socrataHost=" + stalledHttp.url())),
        of(BAD_URL, "microstrategy-to-s3", join(mstr, "--mstrBaseUrl=ftp://mstr/?token=" + CANARY)),
        of(
            DOWN,
            "microstrategy-to-s3",
            join(mstr, "--mstrBaseUrl=" + closed + "/MicroStrategyLibrary")),
        of(REFUSED, "microstrategy-to-s3", join(mstr, "--mstrBaseUrl=" + microStrategy.baseUrl())),
        of(
            STALLED,
            "microstrategy-to-s3",
            join(mstr, "--mstrBaseUrl=" + stalledHttp.url() + "/MicroStrategyLibrary")),
        of(
            BAD_URL,
            "bond-data",
            join(bondData, "--jdbcUrl=jdbc:mysql://db/bond?password=" + CANARY)),
        of(
            DOWN,
            "bond-data",
            join(
                bondData,
                "--jdbcUrl=" + BOND_DB,
                "--sourcesFile=" + sources(closed + "/sheet.csv?key=" + CANARY))),
        of(
            REFUSED,
            "bond-data",
            join(
                List.of(
                    "bond-data",
                    "--source=" + SOURCE,
                    "--jdbcUrl=" + BOND_DB,
                    "--dbUser=sa",
                    "--sourcesFile=" + sources(directory.resolve("invalid.csv").toString())))),
        of(
            STALLED,
            "bond-data",
            join(
                bondData,
                "--jdbcUrl=" + BOND_DB,
                "--sourcesFile=" + sources(stalledHttp.url() + "/sheet.csv"))),
        of(
            BAD_DATA,
            "bond-data",
            join(
                bondData,
                "--jdbcUrl=" + BOND_DB,
                "--sourcesFile=" + sources(directory.resolve("invalid.csv").toString()))),
        of(
            BAD_URL,
            "bond-calculations",
            join(bondCalculations, "--jdbcUrl=" + BOND_DB, "--socrataHost=http://")),
        of(
            BAD_HEADER,
            "bond-calculations",
            join(bondCalculations, "--jdbcUrl=" + BOND_DB, socrataUp),
            "SO_TOKEN",
            lineBreak),
        of(
            DOWN,
            "bond-calculations",
            join(
                bondCalculations,
                "--jdbcUrl=jdbc:postgresql://127.0.0.1:" + closedPort + "/bond",
                socrataUp)),
        // PostgreSQL, whose refusal is immediate (H2 delays each wrong password, and this reads a
        // dozen tables).
        of(
            REFUSED,
            "bond-calculations",
            join(
                bondCalculations,
                "--jdbcUrl=" + PostgresSchema.serverUrl(),
                "--dbUser=no_such_role_13a",
                socrataUp)),
        of(
            STALLED,
            "bond-calculations",
            join(
                bondCalculations,
                "--jdbcUrl=jdbc:postgresql://127.0.0.1:" + silentDatabase.port() + "/bond",
                socrataUp)));
  }

  /** The packed sources.json with one source at {@code location}. */
  private static String sources(String location) throws IOException {
    ObjectMapper json = new ObjectMapper();
    ObjectNode config = (ObjectNode) json.readTree(Resources.text("atd/bond/sources.json"));
    ((ObjectNode) config.path("sources").path(SOURCE)).put("location", location);
    Path file = Files.createTempFile(directory, "sources-", ".json");
    Files.writeString(file, json.writeValueAsString(config));
    return file.toString();
  }

  @Test
  void everyCellOfTheDrivenRowsIsACase() throws IOException {
    List<Case> cases = cases().toList();
    for (String failure : DRIVEN) {
      ExitCodeTable.row(readme, failure)
          .forEach(
              (pipeline, code) -> {
                boolean driven =
                    cases.stream()
                        .anyMatch(
                            c -> c.failure().equals(failure) && c.pipeline().equals(pipeline));
                assertEquals(
                    code != null,
                    driven,
                    pipeline
                        + ": "
                        + failure
                        + (code == null
                            ? " is '—' in docs/operations.md but has a case"
                            : " has no case"));
              });
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void exitsWithTheReadmesCodeAndLeaksNoSecret(Case failure) throws Exception {
    Integer expected = ExitCodeTable.row(readme, failure.failure()).get(failure.pipeline());
    assertNotNull(expected, failure + " is '—' in docs/operations.md");
    Path caseDir = Files.createTempDirectory(directory, failure.pipeline() + "-");
    List<String> args = new ArrayList<>(failure.args());
    args.add("--reportDir=" + caseDir.resolve("reports") + "/");
    switch (failure.pipeline()) {
      case "finance-to-s3", "microstrategy-to-s3" ->
          args.add("--output=" + caseDir.resolve("out") + "/");
      case "s3-to-knack" -> args.add("--deadLetterDir=" + caseDir.resolve("dead-letters") + "/");
      case "bond-calculations" -> args.add("--outputDir=" + caseDir.resolve("out") + "/");
      default -> {}
    }
    Map<String, String> env = canaryEnvironment();
    env.putAll(failure.env());

    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    ByteArrayOutputStream logs = new ByteArrayOutputStream();
    PrintStream systemOut = System.out;
    PrintStream systemErr = System.err;
    int code;
    System.setOut(new PrintStream(new Tee(systemOut, logs), true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(new Tee(systemErr, logs), true, StandardCharsets.UTF_8));
    try {
      // Every time limit here is a second or two, with a retry or three: a hang would take forever.
      code =
          assertTimeoutPreemptively(
              Duration.ofSeconds(90),
              () ->
                  new Launcher(
                          env,
                          new PrintStream(out, true, StandardCharsets.UTF_8),
                          new PrintStream(err, true, StandardCharsets.UTF_8))
                      .run(args.toArray(new String[0])));
    } finally {
      System.setOut(systemOut);
      System.setErr(systemErr);
    }

    String printed = out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8);
    assertEquals(expected.intValue(), code, failure + " printed:\n" + printed);
    assertTrue(
        err.toString(StandardCharsets.UTF_8).startsWith("error: " + failure.pipeline()), printed);
    assertFalse(printed.contains(CANARY), "the canary was printed:\n" + printed);
    assertFalse(logs.toString(StandardCharsets.UTF_8).contains(CANARY), "the canary was logged");
    try (Stream<Path> files = Files.walk(caseDir)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        assertFalse(Files.readString(file).contains(CANARY), "the canary is in " + file);
      }
    }
    if (failure.failure().equals(BAD_HEADER)) {
      String variable = failure.env().keySet().iterator().next();
      assertTrue(printed.contains(variable + " cannot be sent as an HTTP header"), printed);
    }
  }

  /** Writes to the real stream and keeps a copy. */
  private static final class Tee extends OutputStream {
    private final OutputStream first;
    private final OutputStream second;

    Tee(OutputStream first, OutputStream second) {
      this.first = first;
      this.second = second;
    }

    @Override
    public synchronized void write(int b) throws IOException {
      first.write(b);
      second.write(b);
    }

    @Override
    public synchronized void write(byte[] bytes, int offset, int length) throws IOException {
      first.write(bytes, offset, length);
      second.write(bytes, offset, length);
    }
  }
}
