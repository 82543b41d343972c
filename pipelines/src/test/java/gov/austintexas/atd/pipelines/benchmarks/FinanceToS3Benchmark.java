package gov.austintexas.atd.pipelines.benchmarks;

import gov.austintexas.atd.pipelines.Launcher;
import gov.austintexas.atd.testing.PostgresSchema;
import gov.austintexas.atd.testing.S3MockServer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Benchmark, not a test: {@code finance-to-s3} extracting task-order-shaped rows from PostgreSQL
 * to one JSON file in S3Mock, at several row counts, reporting rows per second and peak live heap.
 *
 * <pre>
 * ./mvnw -q install -DskipTests &amp;&amp; ./mvnw -q -pl pipelines exec:exec@finance-to-s3-benchmark
 * </pre>
 *
 * System properties: {@code rows} (comma-separated counts, default 250000,500000,1000000),
 * {@code runner} (DirectRunner by default; FlinkRunner runs an embedded Flink cluster) and
 * {@code args} (more pipeline options, space-separated).
 */
public final class FinanceToS3Benchmark {
  private static final String SCHEMA = "bench_finance_to_s3";

  public static void main(String[] args) throws Exception {
    String runner = System.getProperty("runner", "DirectRunner");
    List<Integer> sizes = new ArrayList<>();
    for (String size : System.getProperty("rows", "250000,500000,1000000").split(",")) {
      sizes.add(Integer.parseInt(size.strip()));
    }
    S3MockServer s3 = new S3MockServer();
    s3.start("benchmark");
    try {
      System.out.printf("%-10s %-12s %10s %12s %14s %12s%n", "runner", "rows", "seconds", "rows/s", "peak live MiB", "file MiB");
      for (int rows : sizes) {
        loadRows(rows);
        List<String> launch = new ArrayList<>(List.of(
            "finance-to-s3", "--recordType=task_orders",
            "--jdbcUrl=" + PostgresSchema.serverUrl() + "?currentSchema=" + SCHEMA,
            "--dbUser=" + PostgresSchema.user(), "--output=" + s3.bucketUrl() + "bench/",
            "--runner=" + runner));
        launch.addAll(s3.pipelineArgs());
        for (String extra : System.getProperty("args", "").split(" ")) {
          if (!extra.isBlank()) {
            launch.add(extra);
          }
        }
        if (runner.equals("FlinkRunner")) {
          launch.add("--flinkMaster=[local]");
        }
        long peak;
        long start = System.nanoTime();
        try (HeapWatcher heap = new HeapWatcher()) {
          int exit = new Launcher(Map.of(), System.err, System.err).run(launch.toArray(new String[0]));
          if (exit != 0) {
            throw new IllegalStateException("finance-to-s3 exited with " + exit);
          }
          peak = heap.peakLiveBytes();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long fileBytes = s3.client().headObject(b -> b.bucket(s3.bucket()).key("bench/task_orders.json")).contentLength();
        System.out.printf("%-10s %-12d %10.1f %12.0f %14.0f %12.1f%n",
            runner.replace("Runner", ""), rows, seconds, rows / seconds, peak / 1048576.0, fileBytes / 1048576.0);
      }
    } finally {
      s3.stop();
      try (Connection connection = DriverManager.getConnection(PostgresSchema.serverUrl(), PostgresSchema.user(), PostgresSchema.password());
          Statement statement = connection.createStatement()) {
        statement.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
      }
    }
  }

  /** Task-order-shaped rows made by the server: cents, a negative balance now and then, text. */
  private static void loadRows(int rows) throws Exception {
    try (Connection connection = DriverManager.getConnection(PostgresSchema.serverUrl(), PostgresSchema.user(), PostgresSchema.password());
        Statement statement = connection.createStatement()) {
      statement.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
      statement.execute("CREATE SCHEMA " + SCHEMA);
      statement.execute("SET search_path TO " + SCHEMA);
      statement.execute(
          "CREATE TABLE DEPT_2400_TK_VW AS SELECT 2400::numeric AS TASK_ORDER_DEPT,"
              + " 'TK' || lpad(g::text, 8, '0') AS TASK_ORDER_ID,"
              + " 'Signal maintenance <zone ' || (g % 97) || '> \"' || g || '\"' AS TASK_ORDER_DESC,"
              + " 'Active' AS TASK_ORDER_STATUS, 'Internal Services' AS TASK_ORDER_TYPE,"
              + " ((g % 100000) * 12.37)::numeric(14,2) AS TK_CURR_AMOUNT,"
              + " ((g % 7000) * 3.05)::numeric(14,2) AS CHARGED_AMOUNT,"
              + " ((g % 100000) * 12.37 - (g % 7000) * 3.05)::numeric(14,2) AS TASK_ORDER_BAL,"
              + " 'Estimator ' || (g % 50) AS TASK_ORDER_ESTIMATOR"
              + " FROM generate_series(1, " + rows + ") g");
      statement.execute(
          "CREATE TABLE REL_BUYER_SELLER_FDU_TK AS SELECT 'TK' || lpad(g::text, 8, '0') AS TASK_ORD_CD,"
              + " '8012 6000 ' || (6600 + g % 10) AS BYR_FDU FROM generate_series(1, " + rows + ") g");
      statement.execute("ANALYZE");
    }
  }
}
