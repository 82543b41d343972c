package gov.austintexas.atd.pipelines.finance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gov.austintexas.atd.pipelines.Expected;
import gov.austintexas.atd.pipelines.Printed;
import gov.austintexas.atd.testing.PostgresSchema;
import gov.austintexas.atd.testing.S3MockServer;
import java.io.File;
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

  @RegisterExtension static final PostgresSchema emptyFinance = new PostgresSchema("t_finance_empty");

  @RegisterExtension static final S3MockServer s3 = new S3MockServer();

  @BeforeAll
  static void loadDatabases() throws Exception {
    finance.execute(Expected.sampleFinanceData());
    emptyFinance.execute(
        "CREATE TABLE DEPT_2400_TK_VW (TASK_ORDER_DEPT NUMERIC, TASK_ORDER_ID TEXT, TASK_ORDER_DESC TEXT,"
            + " TASK_ORDER_STATUS TEXT, TASK_ORDER_TYPE TEXT, TK_CURR_AMOUNT NUMERIC, CHARGED_AMOUNT NUMERIC,"
            + " TASK_ORDER_BAL NUMERIC, TASK_ORDER_ESTIMATOR TEXT);"
            + "CREATE TABLE REL_BUYER_SELLER_FDU_TK (TASK_ORD_CD TEXT, BYR_FDU TEXT);");
  }

  record Run(int exit, String out, String err) {}

  private static Run jar(Map<String, String> env, List<String> args) throws Exception {
    Path out = Files.createTempFile("atd-out", ".txt");
    Path err = Files.createTempFile("atd-err", ".txt");
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-jar");
    command.add(new File(System.getProperty("atd.jar")).getAbsolutePath());
    command.addAll(args);
    ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
    builder.environment().remove("BUCKET");
    builder.environment().putAll(env);
    Process process = builder.start();
    if (!process.waitFor(5, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new AssertionError("the jar did not finish in 5 minutes: " + command);
    }
    return new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
  }

  private static List<String> financeToS3(PostgresSchema database, String recordType, String... extra) {
    List<String> args = new ArrayList<>(List.of(
        "finance-to-s3", "--recordType=" + recordType, "--jdbcUrl=" + database.jdbcUrl(),
        "--dbUser=" + PostgresSchema.user(), "--dbPassword=" + PASSWORD));
    args.addAll(s3.pipelineArgs());
    args.addAll(List.of(extra));
    return args;
  }

  @Test
  void everyRecordTypeBecomesItsExactJsonFile() throws Exception {
    int[] rows = {6, 5, 3, 3, 3, 3};
    for (int i = 0; i < Expected.RECORD_TYPES.size(); i++) {
      String type = Expected.RECORD_TYPES.get(i);
      Run run = jar(Map.of(), financeToS3(finance, type, "--output=" + s3.bucketUrl() + "finance/"));

      assertEquals(0, run.exit(), type + ":\n" + run.err());
      assertEquals(
          type + ": " + rows[i] + " rows written to " + s3.bucketUrl() + "finance/" + type + ".json\n",
          Printed.of(run.out().replace("null\n", "")).text(), // Beam 2.70's JdbcUtil prints "null" on stdout
          type);
      assertEquals(Expected.financeFile(type), s3.get("finance/" + type + ".json"), type);
      assertFalse(run.out().contains(PASSWORD) || run.err().contains(PASSWORD), "the password was printed");
    }
    List<String> keys = s3.keys().stream().filter(key -> key.startsWith("finance/") && !key.startsWith("finance/reports/")).toList();
    assertEquals(
        List.of("finance/fdus.json", "finance/master_agreements.json", "finance/objects.json",
            "finance/subprojects.json", "finance/task_orders.json", "finance/units.json"),
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

    Run run = jar(Map.of(), financeToS3(emptyFinance, "task_orders", "--output=" + s3.bucketUrl() + "kept/"));

    assertEquals(3, run.exit(), run.err());
    assertEquals(
        "error: finance-to-s3: task_orders.json: no data was retrieved from the financial database; "
            + s3.bucketUrl() + "kept/task_orders.json was left as it was",
        run.err().lines().filter(line -> line.startsWith("error:")).findFirst().orElse(run.err()));
    assertEquals("[\n{\"TASK_ORDER_ID\":\"from yesterday\"}\n]\n", s3.get("kept/task_orders.json"));
    assertEquals(List.of("kept/task_orders.json"),
        s3.keys().stream().filter(k -> k.startsWith("kept/") && !k.startsWith("kept/reports/")).toList());
    assertFalse(run.out().contains(PASSWORD) || run.err().contains(PASSWORD), "the password was printed");
    // The failed run still reports, next to the file it left alone: exit 3, and no password.
    List<String> reports = s3.keys().stream().filter(k -> k.startsWith("kept/reports/finance-to-s3-task_orders-")).toList();
    assertEquals(1, reports.size(), reports.toString());
    String report = s3.get(reports.get(0));
    assertTrue(report.contains("\"code\" : 3"), report);
    assertFalse(report.contains(PASSWORD), report);
  }

  @Test
  void anUnknownOptionIsOneLineAndExitCode2() throws Exception {
    Run run = jar(Map.of(), List.of("finance-to-s3", "--recordType=units", "--fetchSise=10"));

    assertEquals(2, run.exit());
    assertEquals(1, run.err().lines().count(), run.err());
    assertTrue(run.err().startsWith("error: finance-to-s3: ") && run.err().contains("'fetchSise'"), run.err());
  }
}
