package gov.austintexas.atd.pipelines.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gov.austintexas.atd.pipelines.Expected;
import gov.austintexas.atd.pipelines.Launcher;
import gov.austintexas.atd.pipelines.Printed;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's first command: the demo writes every record type's file, publishes each to the
 * emulated Knack apps, and says where everything is.
 */
class DemoTest {

  @Test
  void writesTheSixFinanceFilesAndPublishesThemToTheEmulatedKnackApps(@TempDir Path outputDir) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int exit =
        new Launcher(Map.of(), new PrintStream(out, true, StandardCharsets.UTF_8), System.err)
            .run("demo", "--outputDir=" + outputDir);

    assertEquals(0, exit);
    Path finance = outputDir.resolve("finance");
    List<String> expectedSummary = new ArrayList<>();
    int[] rows = {6, 5, 3, 3, 3, 3};
    for (int i = 0; i < Expected.RECORD_TYPES.size(); i++) {
      String type = Expected.RECORD_TYPES.get(i);
      expectedSummary.add(
          "finance-to-s3 " + type + ": " + rows[i] + " rows written to " + finance + "/" + type + ".json");
      assertEquals(Expected.financeFile(type), Files.readString(finance.resolve(type + ".json")), type);
    }
    Path knack = outputDir.resolve("knack");
    String[][] published = {
      {"task_orders", "data-tracker", "object_86", "6", "4"},
      {"task_orders", "finance-purchasing", "object_43", "6", "4"},
      {"units", "data-tracker", "object_189", "5", "5"},
      {"units", "finance-purchasing", "object_7", "5", "5"},
      {"subprojects", "finance-purchasing", "object_45", "3", "2"},
      {"objects", "finance-purchasing", "object_6", "3", "3"},
      {"master_agreements", "finance-purchasing", "object_13", "3", "3"}};
    for (String[] run : published) {
      String name = run[0] + " → " + run[1] + " (" + run[2] + ")";
      expectedSummary.add("s3-to-knack " + name + ": read " + run[3] + ", knack records 0, created " + run[4]
          + ", updated 0, unchanged 0, failed 0, knack_only 0");
      expectedSummary.add("s3-to-knack " + name + ": dead letters: " + knack + "/" + run[0] + "-" + run[1] + "-dead-letters.json");
      assertEquals("[]\n", Files.readString(knack.resolve(run[0] + "-" + run[1] + "-dead-letters.json")));
    }
    expectedSummary.add("demo: finance files are in " + finance + "; Knack dead letters (none expected) in " + knack);
    Printed printed = Printed.of(out.toString(StandardCharsets.UTF_8));
    assertEquals(expectedSummary, printed.text().lines().toList());
    assertTrue(printed.runReport().startsWith(outputDir.resolve("reports") + "/demo-"), printed.runReport());
    assertTrue(Files.exists(Path.of(printed.runReport())), printed.runReport());
    try (var files = Files.list(finance)) {
      assertEquals(6, files.count(), "only the six files, no staging leftovers");
    }
  }
}
