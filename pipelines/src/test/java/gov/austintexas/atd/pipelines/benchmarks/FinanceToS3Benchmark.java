package gov.austintexas.atd.pipelines.benchmarks;

import gov.austintexas.atd.pipelines.Launcher;
import gov.austintexas.atd.testing.PostgresSchema;
import gov.austintexas.atd.testing.S3MockServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Benchmark, not a test: {@code finance-to-s3} extracting task-order-shaped rows from PostgreSQL to
 * one JSON file in S3Mock, at several row counts, reporting rows per second and peak live heap.
 *
 * <pre>
 * ./mvnw -q install -DskipTests &amp;&amp; ./mvnw -q -pl pipelines exec:exec@finance-to-s3-benchmark
 * </pre>
 *
 * System properties: {@code rows} (comma-separated counts, default 250000,500000,1000000), {@code
 * runner} (DirectRunner by default; FlinkRunner runs an embedded Flink cluster) and {@code args}
 * (more pipeline options, space-separated).
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
      System.out.printf(
          "%-10s %-12s %10s %12s %14s %12s%n",
          "runner", "rows", "seconds", "rows/s", "peak live MiB", "file MiB");
      for (int rows : sizes) {
        FinanceData.load(SCHEMA, rows);
        List<String> launch =
            new ArrayList<>(
                List.of(
                    "finance-to-s3",
                    "--recordType=task_orders",
                    "--jdbcUrl=" + PostgresSchema.serverUrl() + "?currentSchema=" + SCHEMA,
                    "--dbUser=" + PostgresSchema.user(),
                    "--output=" + s3.bucketUrl() + "bench/",
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
          int exit =
              new Launcher(Map.of(), System.err, System.err).run(launch.toArray(new String[0]));
          if (exit != 0) {
            throw new IllegalStateException("finance-to-s3 exited with " + exit);
          }
          peak = heap.peakLiveBytes();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long fileBytes =
            s3.client()
                .headObject(b -> b.bucket(s3.bucket()).key("bench/task_orders.json"))
                .contentLength();
        System.out.printf(
            "%-10s %-12d %10.1f %12.0f %14.0f %12.1f%n",
            runner.replace("Runner", ""),
            rows,
            seconds,
            rows / seconds,
            peak / 1048576.0,
            fileBytes / 1048576.0);
      }
    } finally {
      s3.stop();
      FinanceData.drop(SCHEMA);
    }
  }
}
