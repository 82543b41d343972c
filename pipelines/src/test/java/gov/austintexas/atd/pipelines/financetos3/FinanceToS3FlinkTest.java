package gov.austintexas.atd.pipelines.financetos3;

import static org.junit.jupiter.api.Assertions.assertEquals;

import gov.austintexas.atd.pipelines.Expected;
import gov.austintexas.atd.pipelines.Launcher;
import gov.austintexas.atd.testing.PostgresSchema;
import gov.austintexas.atd.testing.S3MockServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code finance-to-s3} from PostgreSQL to S3Mock on the DirectRunner and on an embedded Flink
 * cluster: both write the same, exactly expected file, and the shrink rail holds on Flink too.
 */
class FinanceToS3FlinkTest {
  private static final String[] FLINK = {
    "--runner=FlinkRunner", "--flinkMaster=[local]", "--parallelism=2"
  };

  @RegisterExtension static final PostgresSchema postgres = new PostgresSchema();
  @RegisterExtension static final S3MockServer s3 = new S3MockServer();

  @BeforeAll
  static void loadSampleData() throws Exception {
    postgres.execute(Expected.sampleFinanceDataInOneSchema());
  }

  private static int runFinanceToS3(String prefix, String... extra) {
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
    return new Launcher(Map.of(), System.out, System.err).run(args.toArray(new String[0]));
  }

  @Test
  void directAndFlinkRunnersWriteTheSameFile() throws Exception {
    assertEquals(0, runFinanceToS3("direct/"));
    assertEquals(0, runFinanceToS3("flink/", FLINK));

    String expected = Expected.financeFile("task_orders");
    assertEquals(expected, s3.get("direct/task_orders.json"));
    assertEquals(expected, s3.get("flink/task_orders.json"));
    assertEquals(
        List.of("direct/task_orders.json", "flink/task_orders.json"),
        s3.keys().stream()
            .filter(key -> !key.startsWith("shrink/") && !key.contains("/reports/"))
            .toList());
  }

  @Test
  void onFlinkTooAShrunkenExtractLeavesTheOldFile() {
    String old =
        "[\n" + "{\"TASK_ORDER_ID\":\"OLD\"},\n".repeat(12) + "{\"TASK_ORDER_ID\":\"OLD\"}\n]\n";
    s3.put("shrink/task_orders.json", old);

    assertEquals(3, runFinanceToS3("shrink/", FLINK));

    assertEquals(old, s3.get("shrink/task_orders.json"));
    assertEquals(
        List.of("shrink/task_orders.json"),
        s3.keys().stream()
            .filter(key -> key.startsWith("shrink/") && !key.contains("/reports/"))
            .toList());
  }
}
