package gov.austintexas.atd.pipelines.financetos3;

import static org.junit.jupiter.api.Assertions.assertEquals;

import gov.austintexas.atd.pipelines.Expected;
import gov.austintexas.atd.pipelines.Launcher;
import gov.austintexas.atd.pipelines.Printed;
import gov.austintexas.atd.testing.PostgresSchema;
import gov.austintexas.atd.testing.S3MockServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The shrink rail of {@code finance-to-s3}: the sample data's task_orders extract has 6 rows, and
 * the old file in S3Mock has more or fewer. Each test writes under a prefix of its own.
 */
class FinanceToS3ShrinkTest {
  private static final String EXTRACT = Expected.financeFile("task_orders");

  @RegisterExtension static final PostgresSchema postgres = new PostgresSchema();
  @RegisterExtension static final S3MockServer s3 = new S3MockServer();

  private String stdout;
  private String stderr;

  /** The run report's path, from the last line printed. */
  private String runReport;

  @BeforeAll
  static void loadSampleData() throws Exception {
    postgres.execute(Expected.sampleFinanceDataInOneSchema());
  }

  private int extract(String prefix, String... extra) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "finance-to-s3",
                "--recordType=task_orders",
                "--jdbcUrl=" + postgres.jdbcUrl(),
                "--dbUser=" + PostgresSchema.user(),
                "--output=" + s3.bucketUrl() + prefix));
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
    Printed printedOut =
        Printed.of(
            out.toString(StandardCharsets.UTF_8)
                .replace("null\n", "")); // Beam 2.70's JdbcUtil prints "null"
    Printed printedErr = Printed.of(err.toString(StandardCharsets.UTF_8));
    stdout = printedOut.text();
    stderr = printedErr.text();
    runReport = exit == 0 ? printedOut.runReport() : printedErr.runReport();
    return exit;
  }

  /** An old task_orders.json of {@code rows} rows, laid out as finance-to-s3 writes it. */
  private static String oldFile(int rows) {
    StringBuilder file = new StringBuilder("[\n");
    for (int i = 1; i <= rows; i++) {
      file.append(i == 1 ? "" : ",\n")
          .append("{\"TASK_ORDER_ID\":\"OLD")
          .append(i)
          .append("\",\"BYR_FDU\":[\"a\",{\"b\":\"]\"}]}");
    }
    return file.append("\n]\n").toString();
  }

  private List<String> keysUnder(String prefix) {
    // The run reports go to reports/ next to the file; the rest must be just the file.
    return s3.keys().stream()
        .filter(key -> key.startsWith(prefix) && !key.startsWith(prefix + "reports/"))
        .toList();
  }

  private String firstError() {
    return stderr.lines().filter(line -> line.startsWith("error:")).findFirst().orElse(stderr);
  }

  @Test
  void anExtractWithFewerThanHalfTheOldRowsIsRefusedAndTheOldFileStays() {
    String old = oldFile(13);
    s3.put("refused/task_orders.json", old);

    assertEquals(3, extract("refused/"), stderr);

    assertEquals(
        "error: finance-to-s3: task_orders.json: the new extract has 6 rows, fewer than 50% of the"
            + " 13 rows in "
            + s3.bucketUrl()
            + "refused/task_orders.json, which was left as it was; rerun with --allowShrink to"
            + " replace it anyway",
        firstError());
    assertEquals(1, stderr.lines().count(), stderr);
    assertEquals("", stdout);
    assertEquals(old, s3.get("refused/task_orders.json"));
    assertEquals(
        List.of("refused/task_orders.json"), keysUnder("refused/"), "no staging parts are left");
  }

  @Test
  void allowShrinkReplacesTheFileAnyway() {
    s3.put("allowed/task_orders.json", oldFile(13));

    assertEquals(0, extract("allowed/", "--allowShrink"), stderr);

    assertEquals(
        "task_orders: 6 rows written to " + s3.bucketUrl() + "allowed/task_orders.json\n", stdout);
    assertEquals(EXTRACT, s3.get("allowed/task_orders.json"));
    assertEquals(List.of("allowed/task_orders.json"), keysUnder("allowed/"));
  }

  @Test
  void exactlyTheShareIsEnoughAndTheShareIsAnOption() {
    s3.put("half/task_orders.json", oldFile(12));
    s3.put("share/task_orders.json", oldFile(7));
    s3.put("lower/task_orders.json", oldFile(15));

    assertEquals(0, extract("half/"), stderr);
    assertEquals(3, extract("share/", "--minRowShare=0.9"), stderr);
    assertEquals(
        "error: finance-to-s3: task_orders.json: the new extract has 6 rows, fewer than 90% of the"
            + " 7 rows in "
            + s3.bucketUrl()
            + "share/task_orders.json, which was left as it was; rerun with --allowShrink to"
            + " replace it anyway",
        firstError());
    assertEquals(0, extract("lower/", "--minRowShare=0.4"), stderr);

    assertEquals(EXTRACT, s3.get("half/task_orders.json"));
    assertEquals(oldFile(7), s3.get("share/task_orders.json"));
    assertEquals(EXTRACT, s3.get("lower/task_orders.json"));
  }

  @Test
  void withNoOldFileOrAnOldFileThatIsNotAnArrayThereIsNothingToCompare() {
    s3.put("broken/task_orders.json", "<html>not json</html>\n");

    assertEquals(0, extract("first/"), stderr);
    assertEquals(0, extract("broken/"), stderr);

    assertEquals(EXTRACT, s3.get("first/task_orders.json"));
    assertEquals(EXTRACT, s3.get("broken/task_orders.json"));
  }

  @Test
  void aShareOutsideZeroToOneIsAUsageError() {
    assertEquals(2, extract("usage/", "--minRowShare=50"));

    assertEquals(
        "error: finance-to-s3: --minRowShare must be between 0 and 1 (0.5 is 50%), not 50.0\n",
        stderr);
    assertEquals(List.of(), keysUnder("usage/"));
  }
}
