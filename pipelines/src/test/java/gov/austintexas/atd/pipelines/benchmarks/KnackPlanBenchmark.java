package gov.austintexas.atd.pipelines.benchmarks;

import gov.austintexas.atd.pipelines.Launcher;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Benchmark, not a test: {@code s3-to-knack --dryRun} planning task orders from files, N source
 * records against N Knack records (a snapshot as the API returns them), 1% of them changed.
 * Reports time and peak live heap. The old system compared every pair, so its time grew with N×M.
 *
 * <pre>./mvnw -q -pl pipelines -am test-compile exec:exec@knack-plan-benchmark</pre>
 *
 * System properties {@code records} (default 1000000) and {@code runner} (default DirectRunner).
 */
public final class KnackPlanBenchmark {
  public static void main(String[] args) throws Exception {
    int records = Integer.parseInt(System.getProperty("records", "1000000"));
    String runner = System.getProperty("runner", "DirectRunner");
    Path dir = Files.createTempDirectory("knack-plan-benchmark");
    try {
      writeSource(dir.resolve("task_orders.json"), records);
      writeKnackSnapshot(dir.resolve("knack.json"), records);
      long start = System.nanoTime();
      long peak;
      try (HeapWatcher heap = new HeapWatcher()) {
        List<String> launch = new ArrayList<>(List.of(
            "s3-to-knack", "--recordType=task_orders", "--app=data-tracker", "--dryRun",
            "--input=" + dir, "--knackRecordsFile=" + dir.resolve("knack.json"), "--reportDir=" + dir.resolve("plans"),
            "--runner=" + runner));
        if (runner.equals("FlinkRunner")) {
          launch.add("--flinkMaster=[local]");
        }
        int exit = new Launcher(Map.of(), System.out, System.err).run(launch.toArray(new String[0]));
        if (exit != 0) {
          throw new IllegalStateException("s3-to-knack exited with " + exit);
        }
        peak = heap.peakLiveBytes();
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      long updates = Files.lines(dir.resolve("plans/task_orders-data-tracker-updates.json")).filter(l -> l.startsWith("{")).count();
      System.out.printf("%-10s %12s %10s %14s %12s%n", "runner", "records", "seconds", "peak live MiB", "updates");
      System.out.printf("%-10s %12d %10.1f %14.0f %12d%n", runner.replace("Runner", ""), records, seconds, peak / 1048576.0, updates);
    } finally {
      try (var files = Files.walk(dir)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
      }
    }
  }

  private static String id(int i) {
    return String.format("TK%08d", i);
  }

  private static void writeSource(Path file, int records) throws IOException {
    try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      out.write("[\n");
      for (int i = 0; i < records; i++) {
        out.write(i == 0 ? "" : ",\n");
        out.write("{\"TASK_ORDER_DEPT\":2400,\"TASK_ORDER_ID\":\"" + id(i) + "\",\"TASK_ORDER_DESC\":\"Signal work <zone "
            + (i % 97) + ">\",\"TASK_ORDER_STATUS\":\"Active\",\"TASK_ORDER_TYPE\":\"Internal Services\",\"TK_CURR_AMOUNT\":"
            + (i % 100000) + ".25,\"CHARGED_AMOUNT\":" + (i % 7000) + ".5,\"TASK_ORDER_BAL\":-" + (i % 300) + ".75,"
            + "\"TASK_ORDER_ESTIMATOR\":\"Estimator " + (i % 50) + "\",\"BYR_FDU\":\"8012 6000 " + (6600 + i % 10) + "\"}");
      }
      out.write("\n]\n");
    }
  }

  /** What Knack would hold after publishing the source, with every hundredth description edited. */
  private static void writeKnackSnapshot(Path file, int records) throws IOException {
    try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      out.write("[\n");
      for (int i = 0; i < records; i++) {
        String desc = "Signal work  < zone " + (i % 97) + " > " + (i % 100 == 0 ? " (edited in Knack)" : "");
        out.write(i == 0 ? "" : ",\n");
        out.write("{\"id\":\"" + String.format("%024x", i) + "\",\"field_1276\":\"2400\",\"field_1276_raw\":\"2400\","
            + "\"field_1277\":\"" + id(i) + "\",\"field_1277_raw\":\"" + id(i) + "\",\"field_2632\":\"" + desc + "\","
            + "\"field_2632_raw\":\"" + desc + "\",\"field_3810_raw\":\"Active\",\"field_3580_raw\":\"Internal Services\","
            + "\"field_3684_raw\":\"" + currency(i % 100000, "25") + "\",\"field_3685_raw\":\"" + currency(i % 7000, "50")
            + "\",\"field_3686_raw\":\"-" + (i % 300) + ".75\",\"field_4495_raw\":\"Estimator " + (i % 50) + "\","
            + "\"field_3807_raw\":\"8012 6000 " + (6600 + i % 10) + "\",\"field_3809_raw\":{\"date\":\"11/20/2026\"}}");
      }
      out.write("\n]\n");
    }
  }

  private static String currency(int whole, String cents) {
    return String.format("%,d", whole) + "." + cents;
  }
}
