package gov.austintexas.atd.standins.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import gov.austintexas.atd.pipelines.Expected;
import gov.austintexas.atd.pipelines.Launcher;
import gov.austintexas.atd.pipelines.Printed;
import gov.austintexas.atd.transforms.json.Json;
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
 * The README's first command: the demo runs the six pipelines in order on the embedded stand-ins
 * (H2 for Oracle and, in PostgreSQL mode, for the warehouse; a local folder for the buckets; the
 * Knack, Socrata and MicroStrategy emulators), and says what each did and where everything is.
 */
class DemoTest {

  @Test
  void runsTheSixPipelinesInOrderAndSaysWhereEverythingIs(@TempDir Path outputDir)
      throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int exit =
        new Launcher(Map.of(), new PrintStream(out, true, StandardCharsets.UTF_8), System.err)
            .run("demo", "--outputDir=" + outputDir);

    assertEquals(0, exit);
    List<String> expected = new ArrayList<>();
    Path finance = outputDir.resolve("finance");
    int[] rows = {6, 5, 3, 3, 3, 3};
    for (int i = 0; i < Expected.RECORD_TYPES.size(); i++) {
      String type = Expected.RECORD_TYPES.get(i);
      expected.add(
          "finance-to-s3 "
              + type
              + ": "
              + rows[i]
              + " rows written to "
              + finance
              + "/"
              + type
              + ".json");
      assertEquals(
          Expected.financeFile(type), Files.readString(finance.resolve(type + ".json")), type);
    }
    Path knack = outputDir.resolve("knack");
    String[][] published = {
      {"task_orders", "data-tracker", "object_86", "6", "4"},
      {"task_orders", "finance-purchasing", "object_43", "6", "4"},
      {"units", "data-tracker", "object_189", "5", "5"},
      {"units", "finance-purchasing", "object_7", "5", "5"},
      {"subprojects", "finance-purchasing", "object_45", "3", "2"},
      {"objects", "finance-purchasing", "object_6", "3", "3"},
      {"master_agreements", "finance-purchasing", "object_13", "3", "3"}
    };
    for (String[] run : published) {
      String name = run[0] + " → " + run[1] + " (" + run[2] + ")";
      expected.add(
          "s3-to-knack "
              + name
              + ": read "
              + run[3]
              + ", knack records 0, created "
              + run[4]
              + ", updated 0, unchanged 0, failed 0, knack_only 0");
      expected.add(
          "s3-to-knack "
              + name
              + ": lookups 2, creates already in Knack 0 (sent as updates 0, left as equal 0),"
              + " duplicates of an overlapping run removed 0");
      expected.add(
          "s3-to-knack "
              + name
              + ": dead letters: "
              + knack
              + "/"
              + run[0]
              + "-"
              + run[1]
              + "-dead-letters.json");
      assertEquals(
          "[]\n", Files.readString(knack.resolve(run[0] + "-" + run[1] + "-dead-letters.json")));
    }
    expected.addAll(
        List.of(
            "s3-to-socrata task_orders → task-0001: read 6, sent 4, created 4, updated 0, deleted"
                + " 0, errors 0",
            "s3-to-socrata dept_units → unit-0001: read 5, sent 5, created 5, updated 0, deleted 0,"
                + " errors 0",
            "s3-to-socrata fdus → fdus-0001: read 3, sent 3, created 3, updated 0, deleted 0,"
                + " errors 0",
            "s3-to-socrata subprojects → subp-0001: read 3, sent 2, created 2, updated 0, deleted"
                + " 0, errors 0"));
    Path reports = outputDir.resolve("reports");
    for (String report : List.of("2020 Bond Expenses Obligated", "All bonds Expenses Obligated")) {
      expected.add(
          "microstrategy-to-s3 "
              + report
              + ": 150 rows written to "
              + reports
              + "/"
              + report
              + ".csv");
    }
    expected.add(
        "bond-data expenses_obligated_2020_bond_raw: 150 rows loaded from "
            + reports
            + "/2020 Bond Expenses Obligated.csv");
    expected.add(
        "bond-data expenses_obligated_all_bonds_raw: 150 rows loaded from "
            + reports
            + "/All bonds Expenses Obligated.csv");
    Path sheets = outputDir.resolve("sheets");
    String[][] loaded = {
      {"bond_2020_aims_to_dashboard", "30"},
      {"bond_2020_baseline_spend", "108"},
      {"bond_2020_current_fy_spend_plan", "36"},
      {"bond_2020_previous_fy_spend_plan", "36"},
      {"all_bonds_appropriations", "8"},
      {"all_bonds_program_names", "4"},
      {"all_bonds_aims_to_dashboard", "4"},
      {"all_bonds_spend_plan", "12"},
      {"all_bonds_baseline_spend", "48"},
      {"bond_2020_program_names", "3"}
    };
    for (String[] sheet : loaded) {
      expected.add(
          "bond-data "
              + sheet[0]
              + ": "
              + sheet[1]
              + " rows loaded from "
              + sheets
              + "/"
              + sheet[0]
              + ".csv");
    }
    int stampLine = expected.size();
    expected.add("bond-data bond-data: 12 tables replaced, updated_at (the run's start) UTC");
    Path calculations = outputDir.resolve("bond-calculations");
    String[][] datasets = {
      {"vs3t-h2aj", "2020 bond expenses, every fiscal year", "13500", "expenses_2020_current"},
      {
        "jdna-s8qn",
        "2020 bond expenses, fiscal years before the latest",
        "9000",
        "expenses_2020_previous"
      },
      {"rrww-ybw6", "all bonds expenses", "15600", "all_bonds_expenses"},
      {"hq9n-d77y", "2020 bond summary, fiscal year FY*", "42", "summary_2020_current"},
      {"5ewg-ssu3", "2020 bond summary, fiscal year FY* - 1", "39", "summary_2020_previous"},
      {"9ufs-k2md", "all bonds metadata", "4", "all_bonds_metadata"},
      {"mri6-eexh", "all bonds lookup", "4", "all_bonds_lookup"}
    };
    for (String[] dataset : datasets) {
      Path file = calculations.resolve(dataset[3] + ".json");
      expected.add(
          "bond-calculations "
              + dataset[0]
              + " ("
              + dataset[1]
              + "): "
              + dataset[2]
              + " rows, written to "
              + file
              + "; replaced in Socrata ("
              + dataset[2]
              + " rows)");
      JsonNode written = Json.MAPPER.readTree(file.toFile());
      assertEquals(Integer.parseInt(dataset[2]), written.size(), dataset[3]);
    }
    expected.add("bond-calculations dashboard preview: " + calculations.resolve("preview.html"));
    expected.add(
        "demo: warehouse: H2 in PostgreSQL mode, in memory (set ATD_DEMO_JDBC_URL to use a"
            + " PostgreSQL)");
    expected.add("demo: outputs:");
    for (String dir :
        List.of("finance", "knack", "reports", "sheets", "bond", "bond-calculations")) {
      expected.add("  " + outputDir.resolve(dir));
    }

    Printed output = Printed.of(out.toString(StandardCharsets.UTF_8));
    assertTrue(
        output.runReport().startsWith(outputDir.resolve("run-reports") + "/demo-"),
        output.runReport());
    assertTrue(Files.exists(Path.of(output.runReport())), output.runReport());
    List<String> printed = new ArrayList<>(output.text().lines().toList());
    String stamp = printed.get(stampLine);
    assertTrue(
        stamp.matches(
            "bond-data bond-data: 12 tables replaced, updated_at \\d{4}-\\d\\d-\\d\\dT[\\d:.]+"
                + " UTC"),
        stamp);
    printed.set(stampLine, expected.get(stampLine));
    assertEquals(expected, printed);
    try (var files = Files.list(finance)) {
      assertEquals(6, files.count(), "only the six files, no staging leftovers");
    }
    assertEquals(
        "Fund,Department,Date,Group,Fiscal Year,Division,Obligated,Expenses",
        Files.readAllLines(reports.resolve("2020 Bond Expenses Obligated.csv")).get(0));
  }
}
