package gov.austintexas.atd.standins.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gov.austintexas.atd.pipelines.Launcher;
import gov.austintexas.atd.standins.demo.EmulatedSocrata;
import gov.austintexas.atd.transforms.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A user following the sandbox's printout: its exported variables and example commands, exactly as
 * printed, run the pipelines against the sandbox, and the destinations hold the results.
 */
class SandboxTest {
  private static final String JAR = "atd-pipelines.jar";

  @Test
  void thePrintedVariablesAndCommandsRunThePipelinesAgainstTheSandbox(@TempDir Path directory)
      throws Exception {
    try (SandboxServices sandbox = SandboxServices.start(directory)) {
      List<String> printed = sandbox.instructions(JAR);
      Map<String, String> environment = new HashMap<>();
      List<List<String>> commands = new ArrayList<>();
      for (String line : printed) {
        if (line.startsWith("export ")) {
          String[] variable = line.substring("export ".length()).split("=", 2);
          environment.put(variable[0], variable[1]);
        } else if (line.startsWith("java -jar " + JAR + " ")) {
          commands.add(shellWords(line.substring(("java -jar " + JAR + " ").length())));
        }
      }
      assertEquals(
          List.of(
              "finance-to-s3",
              "s3-to-knack",
              "s3-to-socrata",
              "microstrategy-to-s3",
              "microstrategy-to-s3",
              "bond-data",
              "bond-calculations"),
          commands.stream().map(command -> command.get(0)).toList());

      for (List<String> command : commands) {
        if (command.get(0).equals("bond-calculations")) {
          // The demo computes the three loaded years in full; this run checks the printed command,
          // so it keeps only the first week of each fiscal year of the two reports.
          keepFirstWeekOfEachFiscalYear(printed);
        }
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit =
            new Launcher(
                    environment,
                    new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8))
                .run(command.toArray(new String[0]));
        assertEquals(0, exit, command + ": " + err.toString(StandardCharsets.UTF_8));
      }

      Path bucket = directory.toAbsolutePath().resolve("bucket");
      assertEquals(5, sandbox.knack().records("emulated-finance-purchasing", "object_7").size());
      assertEquals(5, sandbox.socrata().rows(EmulatedSocrata.DEPT_UNITS).size());
      assertEquals(
          151,
          Files.readAllLines(bucket.resolve("reports/2020 Bond Expenses Obligated.csv")).size());
      // bond-calculations replaced the seven datasets in the sandbox's Socrata with the rows it
      // wrote to the bucket.
      Map<String, Integer> datasets = new LinkedHashMap<>();
      // Three dates (October 2019, 2020, 2021) in three fiscal years: 3 x 3 rows for the one 2020
      // group key, 9 for the three all-bonds keys; the summaries come from the unchanged plans.
      datasets.put("vs3t-h2aj", 27);
      datasets.put("jdna-s8qn", 18);
      datasets.put("rrww-ybw6", 9);
      datasets.put("hq9n-d77y", 42);
      datasets.put("5ewg-ssu3", 39);
      datasets.put("9ufs-k2md", 4);
      datasets.put("mri6-eexh", 4);
      String[] files = {
        "expenses_2020_current",
        "expenses_2020_previous",
        "all_bonds_expenses",
        "summary_2020_current",
        "summary_2020_previous",
        "all_bonds_metadata",
        "all_bonds_lookup"
      };
      Map<String, Integer> replaced = new LinkedHashMap<>();
      Map<String, Integer> written = new LinkedHashMap<>();
      int file = 0;
      for (String id : datasets.keySet()) {
        replaced.put(id, sandbox.socrata().rows(id).size());
        written.put(
            id,
            Json.MAPPER
                .readTree(bucket.resolve("bond-calculations/" + files[file++] + ".json").toFile())
                .size());
      }
      assertEquals(datasets, replaced);
      assertEquals(datasets, written);
      assertTrue(Files.isRegularFile(bucket.resolve("bond-calculations/preview.html")));
    }
  }

  /**
   * Deletes the two reports' rows but those of October 1 to 7, in the warehouse the printout names.
   */
  private static void keepFirstWeekOfEachFiscalYear(List<String> printed) throws Exception {
    String prefix = "# The warehouse (H2 in PostgreSQL mode): --jdbcUrl='";
    String url =
        printed.stream()
            .filter(line -> line.startsWith(prefix))
            .map(line -> line.substring(prefix.length(), line.length() - 1))
            .findFirst()
            .orElseThrow();
    try (Connection connection = DriverManager.getConnection(url);
        Statement statement = connection.createStatement()) {
      for (String table :
          List.of("expenses_obligated_2020_bond_raw", "expenses_obligated_all_bonds_raw")) {
        statement.execute(
            "DELETE FROM "
                + table
                + " WHERE NOT (EXTRACT(MONTH FROM date) = 10 AND EXTRACT(DAY FROM date) <= 7)");
      }
    }
  }

  /** Splits a printed command as a shell would: on spaces, except inside single quotes. */
  private static List<String> shellWords(String line) {
    List<String> words = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    boolean quoted = false;
    for (char c : line.toCharArray()) {
      if (c == '\'') {
        quoted = !quoted;
      } else if (c == ' ' && !quoted) {
        words.add(word.toString());
        word.setLength(0);
      } else {
        word.append(c);
      }
    }
    words.add(word.toString());
    return words;
  }
}
