package gov.austintexas.atd.pipelines.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import gov.austintexas.atd.pipelines.Expected;
import gov.austintexas.atd.pipelines.Launcher;
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

/** The README's first command: the demo writes every record type's file, and says where. */
class DemoTest {

  @Test
  void writesTheSixFinanceFilesFromTheEmbeddedSampleData(@TempDir Path outputDir) throws Exception {
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
    expectedSummary.add("demo: outputs are in " + finance);
    assertEquals(expectedSummary, out.toString(StandardCharsets.UTF_8).lines().toList());
    try (var files = Files.list(finance)) {
      assertEquals(6, files.count(), "only the six files, no staging leftovers");
    }
  }
}
