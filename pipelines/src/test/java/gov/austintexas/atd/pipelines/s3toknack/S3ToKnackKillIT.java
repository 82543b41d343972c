package gov.austintexas.atd.pipelines.s3toknack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import gov.austintexas.atd.pipelines.RunnableJar;
import gov.austintexas.atd.standins.demo.EmulatedKnackApps;
import gov.austintexas.atd.standins.knack.KnackEmulator;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * s3-to-knack's jar killed (SIGKILL) in the middle of its create batches, at a count of records the
 * Knack emulator holds (its latency fault slows each request so the batches are still going), never
 * after a sleep. Every record Knack holds then is whole, once; the next run creates only the rest,
 * so each key ends up once with its values.
 */
class S3ToKnackKillIT {
  private static final int UNITS = 60;
  private static final String OBJECT = "object_7";

  @TempDir Path dir;

  @Test
  void aRunKilledMidBatchLeavesWholeRecordsAndTheNextRunCreatesTheRestOnce() throws Exception {
    Path input = Files.createDirectories(dir.resolve("finance"));
    StringBuilder units = new StringBuilder("[\n");
    for (int i = 0; i < UNITS; i++) {
      units
          .append(i == 0 ? "" : ",\n")
          .append("{\"DEPT_UNIT_ID\":")
          .append(5000 + i)
          .append(",\"DEPT_ID\":43,\"DEPT\":2400,\"UNIT\":\"")
          .append(7000 + i)
          .append("\",\"UNIT_LONG_NAME\":\"Unit ")
          .append(i)
          .append("\",\"UNIT_SHORT_NAME\":\"U")
          .append(i)
          .append("\",\"DEPT_UNIT_STATUS\":\"A\"}");
    }
    Files.writeString(input.resolve("units.json"), units.append("\n]\n"), StandardCharsets.UTF_8);

    try (KnackEmulator knack = KnackEmulator.start()) {
      EmulatedKnackApps.define(knack, FieldMaps.load().all());
      knack.faults().latency(Duration.ofMillis(100));
      Process killed = s3ToKnack(knack, input, List.of());
      long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
      while (stored(knack).size() < 10) {
        assertTrue(
            killed.isAlive() && System.nanoTime() < deadline,
            "the run ended before it had created 10 records");
        Thread.sleep(20);
      }
      killed.destroyForcibly(); // SIGKILL
      killed.waitFor(1, TimeUnit.MINUTES);
      Map<String, String> afterKill = byKey(stored(knack));
      assertEquals(stored(knack).size(), afterKill.size(), "no key twice");
      assertTrue(afterKill.size() < UNITS, "killed mid-way: " + afterKill.size());
      afterKill.forEach((key, values) -> assertEquals(expected(key), values, "a whole record"));

      knack.faults().none();
      // The killed first load left some records, so the rest is more than half of them: the creates
      // rail asks for the override an operator gives after checking the plan (docs/pipelines.md,
      // s3-to-knack).
      Process next = s3ToKnack(knack, input, List.of("--allowMassCreate"));
      assertTrue(next.waitFor(3, TimeUnit.MINUTES), "the next run did not finish");
      assertEquals(
          0, next.exitValue(), Files.readString(dir.resolve("err.txt"), StandardCharsets.UTF_8));
      List<ObjectNode> all = stored(knack);
      Map<String, String> converged = byKey(all);
      assertEquals(UNITS, all.size(), "each key once");
      assertEquals(UNITS, converged.size());
      converged.forEach((key, values) -> assertEquals(expected(key), values));
      assertEquals(
          "[]\n",
          Files.readString(
              input.resolve("dead-letters/units-finance-purchasing-dead-letters.json")));
    }
  }

  private Process s3ToKnack(KnackEmulator knack, Path input, List<String> extra) throws Exception {
    List<String> command =
        new ArrayList<>(
            RunnableJar.command(
                "s3-to-knack",
                "--recordType=units",
                "--app=finance-purchasing",
                "--input=" + input + "/",
                "--knackApiUrl=" + knack.apiUrl(),
                "--knackAppId=" + EmulatedKnackApps.appId("finance-purchasing"),
                "--knackApiKey=" + EmulatedKnackApps.API_KEY,
                "--knackRetryBackoffMillis=10"));
    command.addAll(extra);
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .redirectOutput(dir.resolve("out.txt").toFile())
            .redirectError(dir.resolve("err.txt").toFile());
    builder
        .environment()
        .keySet()
        .removeIf(name -> name.startsWith("KNACK") || name.equals("BUCKET"));
    return builder.start();
  }

  private static List<ObjectNode> stored(KnackEmulator knack) {
    return knack.records(EmulatedKnackApps.appId("finance-purchasing"), OBJECT);
  }

  /** Each record's raw unit, long name and short name, by its DEPT_UNIT_ID. */
  private static Map<String, String> byKey(List<ObjectNode> records) {
    Map<String, String> byKey = new TreeMap<>();
    for (ObjectNode record : records) {
      byKey.put(
          record.path("field_902_raw").asText(),
          record.path("field_79_raw").asText()
              + "|"
              + record.path("field_904_raw").asText()
              + "|"
              + record.path("field_77_raw").asText());
    }
    return byKey;
  }

  private static String expected(String key) {
    int i = Integer.parseInt(key) - 5000;
    return (7000 + i) + "|Unit " + i + "|U" + i;
  }
}
