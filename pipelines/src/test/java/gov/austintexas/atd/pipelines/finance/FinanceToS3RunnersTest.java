package gov.austintexas.atd.pipelines.finance;

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
 * cluster: both write the same, exactly expected file.
 */
class FinanceToS3RunnersTest {

  @RegisterExtension static final PostgresSchema postgres = new PostgresSchema();
  @RegisterExtension static final S3MockServer s3 = new S3MockServer();

  @BeforeAll
  static void loadSampleData() throws Exception {
    postgres.execute(Expected.sampleFinanceDataInOneSchema());
  }

  private static int runFinanceToS3(String prefix, String... extra) {
    List<String> args = new ArrayList<>(List.of(
        "finance-to-s3", "--recordType=task_orders", "--jdbcUrl=" + postgres.jdbcUrl(),
        "--dbUser=" + PostgresSchema.user(), "--output=" + s3.bucketUrl() + prefix));
    args.addAll(s3.pipelineArgs());
    args.addAll(List.of(extra));
    return new Launcher(Map.of(), System.out, System.err).run(args.toArray(new String[0]));
  }

  @Test
  void directAndFlinkRunnersWriteTheSameFile() throws Exception {
    assertEquals(0, runFinanceToS3("direct/"));
    assertEquals(0, runFinanceToS3("flink/", "--runner=FlinkRunner", "--flinkMaster=[local]", "--parallelism=2"));

    String expected = Expected.financeFile("task_orders");
    assertEquals(expected, s3.get("direct/task_orders.json"));
    assertEquals(expected, s3.get("flink/task_orders.json"));
    assertEquals(List.of("direct/task_orders.json", "flink/task_orders.json"), s3.keys());
  }
}
