package gov.austintexas.atd.pipelines.benchmarks;

import gov.austintexas.atd.pipelines.Launcher;
import gov.austintexas.atd.pipelines.s3toknack.FieldMaps;
import gov.austintexas.atd.standins.demo.EmulatedKnackApps;
import gov.austintexas.atd.standins.knack.KnackEmulator;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Benchmark, not a test: what the lookups by key cost, in requests counted by the Knack emulator
 * (its limit raised, since only the counts matter). A first load of N task orders into an empty
 * object, then three nightly runs: 50 changed, 50 new, and 25 of each. Only creates are looked up,
 * so the lookups grow with the creates alone: two per 25 (before and after each batch).
 *
 * <pre>
 * java -cp (the pipelines test classpath) gov.austintexas.atd.pipelines.benchmarks.KnackLookupCostBenchmark
 * </pre>
 *
 * System property {@code records} (default 10000).
 */
public final class KnackLookupCostBenchmark {
  public static void main(String[] args) throws Exception {
    int records = Integer.parseInt(System.getProperty("records", "10000"));
    Path dir = Files.createTempDirectory("knack-lookup-benchmark");
    try (KnackEmulator knack = KnackEmulator.start(1_000_000)) {
      EmulatedKnackApps.define(knack, FieldMaps.load().all());
      String app = EmulatedKnackApps.appId("finance-purchasing");
      System.out.printf(
          "%-22s %6s %9s %8s %8s %8s %10s%n",
          "run", "exit", "requests", "pages", "writes", "lookups", "extra %");
      run(knack, app, dir, "first load", 0, records, 0);
      run(knack, app, dir, "nightly, 50 changed", records, records, 50);
      run(knack, app, dir, "nightly, 50 new", records, records + 50, 50);
      run(knack, app, dir, "nightly, 25 + 25", records + 50, records + 75, 75);
    } finally {
      try (var files = Files.walk(dir)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
      }
    }
  }

  /**
   * Publishes {@code total} task orders to an object holding {@code inKnack}, the first {@code
   * renamed} of them with a new name (renamed once, the same in every later run).
   */
  private static void run(
      KnackEmulator knack, String app, Path dir, String name, int inKnack, int total, int renamed)
      throws IOException {
    try (BufferedWriter out =
        Files.newBufferedWriter(dir.resolve("task_orders.json"), StandardCharsets.UTF_8)) {
      out.write("[\n");
      for (int i = 0; i < total; i++) {
        String desc = (i < renamed ? "Renamed " : "Task ") + i;
        out.write(
            (i == 0 ? "" : ",\n")
                + "{\"TASK_ORDER_ID\":\"TK"
                + i
                + "\",\"TASK_ORDER_DEPT\":\"2400\","
                + "\"TASK_ORDER_DESC\":\""
                + desc
                + "\",\"TASK_ORDER_STATUS\":\"Active\",\"TK_CURR_AMOUNT\":\"100.00\"}");
      }
      out.write("\n]\n");
    }
    int requestsBefore = knack.requests(app);
    int writesBefore = knack.writes();
    int exit =
        new Launcher(Map.of(), System.out, System.err)
            .run(
                "s3-to-knack",
                "--recordType=task_orders",
                "--app=finance-purchasing",
                "--input=" + dir,
                "--deadLetterDir=" + dir,
                "--knackApiUrl=" + knack.apiUrl(),
                "--knackAppId=" + app,
                "--knackApiKey=" + EmulatedKnackApps.API_KEY,
                "--requestsPerSecond=5000");
    int requests = knack.requests(app) - requestsBefore;
    int writes = knack.writes() - writesBefore;
    // The pages read: all of them, and one more after a full last page (or the one empty page).
    int pages = inKnack / 1000 + 1;
    int lookups = requests - writes - pages;
    System.out.printf(
        "%-22s %6d %9d %8d %8d %8d %10.1f%n",
        name,
        exit,
        requests,
        pages,
        writes,
        lookups,
        100.0 * lookups / Math.max(1, requests - lookups));
  }
}
