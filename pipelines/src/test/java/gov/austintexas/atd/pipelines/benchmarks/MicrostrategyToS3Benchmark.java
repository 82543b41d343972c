package gov.austintexas.atd.pipelines.benchmarks;

import gov.austintexas.atd.pipelines.Launcher;
import gov.austintexas.atd.standins.microstrategy.BondReportFixtures;
import gov.austintexas.atd.standins.microstrategy.MicroStrategyEmulator;
import gov.austintexas.atd.testing.S3MockServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Benchmark, not a test: {@code microstrategy-to-s3} reading an all-bonds-shaped report from the
 * emulator on loopback into S3Mock, reporting time and peak live heap.
 *
 * <pre>
 * ./mvnw -q -pl pipelines -am test-compile exec:exec@microstrategy-to-s3-benchmark
 * </pre>
 *
 * System properties: {@code rows} (comma-separated report sizes, default 200000) and {@code args}
 * (more pipeline options, space-separated, e.g. {@code --pageSize=10000 --parallelPages=2}).
 */
public final class MicrostrategyToS3Benchmark {
  private static final String REPORT = "All bonds Expenses Obligated";

  public static void main(String[] args) throws Exception {
    List<Integer> sizes = new ArrayList<>();
    for (String size : System.getProperty("rows", "200000").split(",")) {
      sizes.add(Integer.parseInt(size.strip()));
    }
    S3MockServer s3 = new S3MockServer();
    s3.start("benchmark");
    try (MicroStrategyEmulator emulator =
        MicroStrategyEmulator.start("bench", "bench-pw", "BENCH")) {
      System.out.printf(
          "%-10s %10s %12s %14s %12s%n", "rows", "seconds", "rows/s", "peak live MiB", "CSV MiB");
      for (int rows : sizes) {
        emulator.withReport(
            "077C066E6C4BF56B081F96A3E405D83C", BondReportFixtures.allBondsExpensesObligated(rows));
        List<String> launch =
            new ArrayList<>(
                List.of(
                    "microstrategy-to-s3",
                    "--reportName=" + REPORT,
                    "--output=" + s3.bucketUrl() + "bench/",
                    "--mstrBaseUrl=" + emulator.baseUrl(),
                    "--mstrUser=bench",
                    "--mstrPassword=bench-pw",
                    "--mstrProjectId=BENCH"));
        launch.addAll(s3.pipelineArgs());
        for (String extra : System.getProperty("args", "").split(" ")) {
          if (!extra.isBlank()) {
            launch.add(extra);
          }
        }
        long peak;
        long start = System.nanoTime();
        try (HeapWatcher heap = new HeapWatcher()) {
          int exit =
              new Launcher(Map.of(), System.err, System.err).run(launch.toArray(new String[0]));
          if (exit != 0) {
            throw new IllegalStateException("microstrategy-to-s3 exited with " + exit);
          }
          peak = heap.peakLiveBytes();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long csvBytes =
            s3.client()
                .headObject(b -> b.bucket(s3.bucket()).key("bench/" + REPORT + ".csv"))
                .contentLength();
        System.out.printf(
            "%-10d %10.1f %12.0f %14.0f %12.1f%n",
            rows, seconds, rows / seconds, peak / 1048576.0, csvBytes / 1048576.0);
      }
    } finally {
      s3.stop();
    }
  }
}
