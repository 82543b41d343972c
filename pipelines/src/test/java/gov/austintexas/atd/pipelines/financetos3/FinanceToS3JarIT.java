package gov.austintexas.atd.pipelines.financetos3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gov.austintexas.atd.pipelines.Expected;
import gov.austintexas.atd.pipelines.Printed;
import gov.austintexas.atd.pipelines.RunnableJar;
import gov.austintexas.atd.testing.PostgresSchema;
import gov.austintexas.atd.testing.S3MockServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * End to end through the runnable jar, as a scheduler runs it: PostgreSQL stand-ins for the six
 * source views, S3Mock as the bucket, and the files read back through the S3 API.
 */
class FinanceToS3JarIT {
  private static final String PASSWORD = "never-log-me-7f3a9";

  /** The subprojects query names its schema, so this class's schema is that one. */
  @RegisterExtension static final PostgresSchema finance = new PostgresSchema("mstr_ia_dev");

  @RegisterExtension
  static final PostgresSchema emptyFinance = new PostgresSchema("t_finance_empty");

  @RegisterExtension static final S3MockServer s3 = new S3MockServer();

  @BeforeAll
  static void loadDatabases() throws Exception {
    finance.execute(Expected.sampleFinanceData());
    emptyFinance.execute(
        "CREATE TABLE DEPT_2400_TK_VW (TASK_ORDER_DEPT NUMERIC, TASK_ORDER_ID TEXT, TASK_ORDER_DESC"
            + " TEXT, TASK_ORDER_STATUS TEXT, TASK_ORDER_TYPE TEXT, TK_CURR_AMOUNT NUMERIC,"
            + " CHARGED_AMOUNT NUMERIC, TASK_ORDER_BAL NUMERIC, TASK_ORDER_ESTIMATOR TEXT);CREATE"
            + " TABLE REL_BUYER_SELLER_FDU_TK (TASK_ORD_CD TEXT, BYR_FDU TEXT);");
  }

  record Run(int exit, String out, String err) {}

  private static Run jar(Map<String, String> env, List<String> args) throws Exception {
    Path out = Files.createTempFile("atd-out", ".txt");
    Path err = Files.createTempFile("atd-err", ".txt");
    List<String> command = new ArrayList<>(RunnableJar.command(args));
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
    List.of("BUCKET", "AWS_REGION", "AWS_DEFAULT_REGION", "ATD_LOG_LEVEL", "ATD_LOG_FORMAT")
        .forEach(builder.environment()::remove);
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

  private static List<String> financeToS3(
      PostgresSchema database, String recordType, String... extra) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "finance-to-s3",
                "--recordType=" + recordType,
                "--jdbcUrl=" + database.jdbcUrl(),
                "--dbUser=" + PostgresSchema.user(),
                "--dbPassword=" + PASSWORD));
    args.addAll(s3.pipelineArgs());
    args.addAll(List.of(extra));
    return args;
  }

  @Test
  void everyRecordTypeBecomesItsExactJsonFile() throws Exception {
    int[] rows = {6, 5, 3, 3, 3, 3};
    for (int i = 0; i < Expected.RECORD_TYPES.size(); i++) {
      String type = Expected.RECORD_TYPES.get(i);
      Run run =
          jar(Map.of(), financeToS3(finance, type, "--output=" + s3.bucketUrl() + "finance/"));

      assertEquals(0, run.exit(), type + ":\n" + run.err());
      assertEquals(
          type
              + ": "
              + rows[i]
              + " rows written to "
              + s3.bucketUrl()
              + "finance/"
              + type
              + ".json\n",
          Printed.of(run.out().replace("null\n", ""))
              .text(), // Beam 2.70's JdbcUtil prints "null" on stdout
          type);
      assertEquals(Expected.financeFile(type), s3.get("finance/" + type + ".json"), type);
      assertFalse(
          run.out().contains(PASSWORD) || run.err().contains(PASSWORD), "the password was printed");
    }
    List<String> keys =
        s3.keys().stream()
            .filter(key -> key.startsWith("finance/") && !key.startsWith("finance/reports/"))
            .toList();
    assertEquals(
        List.of(
            "finance/fdus.json",
            "finance/master_agreements.json",
            "finance/objects.json",
            "finance/subprojects.json",
            "finance/task_orders.json",
            "finance/units.json"),
        keys);
  }

  @Test
  void theOldScriptsBucketVariableIsTheDefaultOutput() throws Exception {
    Run run = jar(Map.of("BUCKET", s3.bucket()), financeToS3(finance, "units"));

    assertEquals(0, run.exit(), run.err());
    assertEquals(Expected.financeFile("units"), s3.get("units.json"));
  }

  @Test
  void noRowsFailsWithTheSpecsMessageAndLeavesTheFileAsItWas() throws Exception {
    s3.put("kept/task_orders.json", "[\n{\"TASK_ORDER_ID\":\"from yesterday\"}\n]\n");

    Run run =
        jar(
            Map.of(),
            financeToS3(emptyFinance, "task_orders", "--output=" + s3.bucketUrl() + "kept/"));

    assertEquals(3, run.exit(), run.err());
    assertEquals(
        "error: finance-to-s3: task_orders.json: no data was retrieved from the financial database;"
            + " "
            + s3.bucketUrl()
            + "kept/task_orders.json was left as it was",
        run.err().lines().filter(line -> line.startsWith("error:")).findFirst().orElse(run.err()));
    assertEquals("[\n{\"TASK_ORDER_ID\":\"from yesterday\"}\n]\n", s3.get("kept/task_orders.json"));
    assertEquals(
        List.of("kept/task_orders.json"),
        s3.keys().stream()
            .filter(k -> k.startsWith("kept/") && !k.startsWith("kept/reports/"))
            .toList());
    assertFalse(
        run.out().contains(PASSWORD) || run.err().contains(PASSWORD), "the password was printed");
    // The failed run still reports, next to the file it left alone: exit 3, and no password.
    List<String> reports =
        s3.keys().stream()
            .filter(k -> k.startsWith("kept/reports/finance-to-s3-task_orders-"))
            .toList();
    assertEquals(1, reports.size(), reports.toString());
    String report = s3.get(reports.get(0));
    assertTrue(report.contains("\"code\" : 3"), report);
    assertFalse(report.contains(PASSWORD), report);
  }

  @Test
  void anOldEnvironmentFileWithoutARegionWorksAndEveryLogLineIsJsonWithTheRunId() throws Exception {
    // The old env files: keys and BUCKET, no region. The login's USER is there too, and never used.
    Map<String, String> env =
        new java.util.HashMap<>(
            Map.of(
                "BUCKET",
                s3.bucket(),
                "USER",
                "alice",
                "AWS_EC2_METADATA_DISABLED",
                "true",
                "ATD_LOG_FORMAT",
                "json"));
    s3.credentialEnvironment()
        .forEach(
            pair ->
                env.put(
                    pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1)));
    List<String> args =
        new ArrayList<>(
            List.of(
                "finance-to-s3",
                "--recordType=fdus",
                "--jdbcUrl=" + finance.jdbcUrl(),
                "--dbUser=" + PostgresSchema.user(),
                "--dbPassword=" + PASSWORD,
                "--endpoint=" + s3.endpoint(),
                "--s3PathStyleAccess=true",
                "--s3UploadBufferSizeBytes=5242880",
                "--runId=scheduled__2026-12-01T05:10:00+00:00",
                "--logLevel=debug")); // at info a short run may log nothing at all

    Run run = jar(env, args);

    assertEquals(0, run.exit(), run.err());
    assertEquals(Expected.financeFile("fdus"), s3.get("fdus.json"));
    List<String> logLines = run.err().lines().toList();
    assertFalse(logLines.isEmpty(), "no log line at all");
    for (String line : logLines) {
      com.fasterxml.jackson.databind.JsonNode json =
          gov.austintexas.atd.transforms.json.Json.MAPPER.readTree(line);
      assertEquals("scheduled__2026-12-01T05:10:00+00:00", json.get("runId").asText(), line);
      assertTrue(
          json.hasNonNull("time")
              && json.hasNonNull("level")
              && json.hasNonNull("logger")
              && json.hasNonNull("message"),
          line);
    }
    String reportKey =
        s3.keys().stream()
            .filter(k -> k.startsWith("reports/finance-to-s3-fdus-"))
            .findFirst()
            .orElseThrow();
    com.fasterxml.jackson.databind.JsonNode report =
        gov.austintexas.atd.transforms.json.Json.MAPPER.readTree(s3.get(reportKey));
    assertEquals("scheduled__2026-12-01T05:10:00+00:00", report.get("runId").asText());
    assertEquals(
        "default (us-east-1, with cross-region access)",
        report.get("settings").get("awsRegion").asText());
    assertEquals("variable BUCKET", report.get("settings").get("output").asText());
    assertEquals("variable ATD_LOG_FORMAT", report.get("settings").get("logFormat").asText());
    assertEquals("0.1.0-SNAPSHOT", report.get("build").get("version").asText());
    assertFalse(
        run.err().contains(PASSWORD) || s3.get(reportKey).contains(PASSWORD),
        "the password was printed");
  }

  @Test
  void theJarsManifestAndVersionCommandNameTheBuild() throws Exception {
    Run run = jar(Map.of(), List.of("--version"));

    assertEquals(0, run.exit(), run.err());
    try (java.util.jar.JarFile jar = new java.util.jar.JarFile(System.getProperty("atd.jar"))) {
      java.util.jar.Attributes manifest = jar.getManifest().getMainAttributes();
      String commit = manifest.getValue("Git-Commit");
      assertTrue(commit.matches("[0-9a-f]{40}|unknown"), commit);
      assertEquals("0.1.0-SNAPSHOT", manifest.getValue("Implementation-Version"));
      assertTrue(
          run.out().equals("atd-pipelines 0.1.0-SNAPSHOT (commit " + commit + ")\n")
              || run.out()
                  .equals(
                      "atd-pipelines 0.1.0-SNAPSHOT (commit "
                          + commit
                          + ", with uncommitted changes)\n"),
          run.out());
    }
  }

  @Test
  void anUnknownOptionIsOneLineAndExitCode2() throws Exception {
    Run run = jar(Map.of(), List.of("finance-to-s3", "--recordType=units", "--fetchSise=10"));

    assertEquals(2, run.exit());
    assertEquals(1, run.err().lines().count(), run.err());
    assertTrue(
        run.err().startsWith("error: finance-to-s3: ") && run.err().contains("'fetchSise'"),
        run.err());
  }
}
