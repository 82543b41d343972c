package gov.austintexas.atd.pipelines;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The "Exit codes by pipeline and failure" table of docs/operations.md, read from that file itself
 * so that a test checks the table the operators read: failure (the row's first cell) → pipeline →
 * code, or null for "—".
 */
public final class ExitCodeTable {
  private static final Path OPERATIONS = Path.of("..", "docs", "operations.md");

  private ExitCodeTable() {}

  public static Map<String, Map<String, Integer>> read() throws IOException {
    List<String> lines = Files.readAllLines(OPERATIONS);
    int header = -1;
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).startsWith("| failure | finance-to-s3 |")) {
        header = i;
        break;
      }
    }
    if (header < 0) {
      throw new IllegalStateException(
          "docs/operations.md has no exit-code table (a row starting '| failure | finance-to-s3"
              + " |')");
    }
    List<String> pipelines = cells(lines.get(header)).subList(1, cells(lines.get(header)).size());
    Map<String, Map<String, Integer>> table = new LinkedHashMap<>();
    for (int i = header + 2; i < lines.size() && lines.get(i).startsWith("|"); i++) {
      List<String> row = cells(lines.get(i));
      Map<String, Integer> codes = new LinkedHashMap<>();
      for (int p = 0; p < pipelines.size(); p++) {
        String cell = row.get(p + 1);
        codes.put(pipelines.get(p), cell.equals("—") ? null : Integer.valueOf(cell));
      }
      table.put(row.get(0), codes);
    }
    return table;
  }

  /** The row whose failure starts with {@code start}. */
  public static Map<String, Integer> row(Map<String, Map<String, Integer>> table, String start) {
    return table.entrySet().stream()
        .filter(entry -> entry.getKey().startsWith(start))
        .map(Map.Entry::getValue)
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "no exit-code row of docs/operations.md starts with: " + start));
  }

  private static List<String> cells(String line) {
    String inner = line.strip().substring(1, line.strip().length() - 1);
    return new ArrayList<>(Arrays.stream(inner.split("\\|")).map(String::strip).toList());
  }
}
