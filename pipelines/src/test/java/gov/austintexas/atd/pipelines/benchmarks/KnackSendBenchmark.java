package gov.austintexas.atd.pipelines.benchmarks;

import gov.austintexas.atd.pipelines.Launcher;
import gov.austintexas.atd.pipelines.s3toknack.FieldMaps;
import gov.austintexas.atd.standins.demo.EmulatedKnackApps;
import gov.austintexas.atd.standins.knack.KnackEmulator;
import gov.austintexas.atd.transforms.json.Json;
import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Benchmark, not a test: {@code s3-to-knack} sending N updates to the Knack emulator, which allows
 * 10 requests per second. Reports the sustained rate of applied updates (from the first to the
 * last), failures, and the 429s the emulator sent because its limit was exceeded (the client's
 * limiter should make that zero).
 *
 * <pre>./mvnw -q -pl pipelines -am test-compile exec:exec@knack-send-benchmark</pre>
 *
 * System property {@code records} (default 2000).
 */
public final class KnackSendBenchmark {
  public static void main(String[] args) throws Exception {
    int records = Integer.parseInt(System.getProperty("records", "2000"));
    Path dir = Files.createTempDirectory("knack-send-benchmark");
    try (KnackEmulator knack = KnackEmulator.start()) {
      EmulatedKnackApps.define(knack, FieldMaps.load().all());
      String app = EmulatedKnackApps.appId("finance-purchasing");
      try (BufferedWriter out =
          Files.newBufferedWriter(dir.resolve("objects.json"), StandardCharsets.UTF_8)) {
        out.write("[\n");
        for (int i = 0; i < records; i++) {
          knack.insert(
              app,
              "object_6",
              Json.MAPPER
                  .createObjectNode()
                  .put("field_76", "C" + i)
                  .put("field_75", "old name " + i));
          out.write(
              (i == 0 ? "" : ",\n")
                  + "{\"OBJ_CODE\":\"C"
                  + i
                  + "\",\"OBJ_LONG_NAME\":\"new name "
                  + i
                  + "\"}");
        }
        out.write("\n]\n");
      }
      long start = System.nanoTime();
      int exit =
          new Launcher(Map.of(), System.out, System.err)
              .run(
                  "s3-to-knack",
                  "--recordType=objects",
                  "--app=finance-purchasing",
                  "--input=" + dir,
                  "--deadLetterDir=" + dir,
                  "--knackApiUrl=" + knack.apiUrl(),
                  "--knackAppId=" + app,
                  "--knackApiKey=" + EmulatedKnackApps.API_KEY,
                  // Every record changes, by design: the mass-update rail would refuse the run.
                  "--allowMassUpdate");
      double total = (System.nanoTime() - start) / 1e9;
      double span = knack.writeSpan().toNanos() / 1e9;
      System.out.printf(
          "%-8s %8s %10s %14s %16s %8s %14s%n",
          "records", "exit", "total s", "updates", "sustained rec/s", "failed", "limit 429s");
      System.out.printf(
          "%-8d %8d %10.1f %14d %16.2f %8s %14d%n",
          records,
          exit,
          total,
          knack.writes(),
          (knack.writes() - 1) / span,
          exit == 4 ? "yes" : "0",
          knack.limitRejections());
    } finally {
      try (var files = Files.walk(dir)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
      }
    }
  }
}
