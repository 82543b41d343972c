package gov.austintexas.atd.pipelines.bonddata;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import gov.austintexas.atd.pipelines.Resources;
import gov.austintexas.atd.testing.PostgresSchema;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Test helpers: the sample CSVs, sources files pointing at copies of them, and table dumps. */
public final class BondTables {
  public static final List<String> SOURCES =
      List.of(
          "expenses_obligated_2020_bond_raw",
          "expenses_obligated_all_bonds_raw",
          "bond_2020_aims_to_dashboard",
          "bond_2020_baseline_spend",
          "bond_2020_current_fy_spend_plan",
          "bond_2020_previous_fy_spend_plan",
          "all_bonds_appropriations",
          "all_bonds_program_names",
          "all_bonds_aims_to_dashboard",
          "all_bonds_spend_plan",
          "all_bonds_baseline_spend",
          "bond_2020_program_names");

  private BondTables() {}

  /** The sample CSV of a source, as packed from src/sample/bond. */
  static String sample(String source) {
    return Resources.text("atd/sample/bond/" + source + ".csv");
  }

  /** The packed sources.json with some locations replaced, written to a file for --sourcesFile. */
  static Path sourcesFile(Path directory, Map<String, String> locations) throws Exception {
    ObjectMapper json = new ObjectMapper();
    ObjectNode config = (ObjectNode) json.readTree(Resources.text("atd/bond/sources.json"));
    locations.forEach(
        (source, location) ->
            ((ObjectNode) config.path("sources").path(source)).put("location", location));
    Path file = Files.createTempFile(directory, "sources-", ".json");
    Files.writeString(file, json.writeValueAsString(config), StandardCharsets.UTF_8);
    return file;
  }

  /** The expected rows of every table after loading the samples (test resource). */
  static Map<String, List<String>> expectedSampleTables() {
    Map<String, List<String>> tables = new LinkedHashMap<>();
    List<String> current = null;
    for (String line : Resources.text("expected/bond/sample-tables.txt").lines().toList()) {
      if (line.startsWith("#") || line.isBlank()) {
        continue;
      }
      if (line.startsWith("[")) {
        current = new ArrayList<>();
        tables.put(line.substring(1, line.length() - 1), current);
      } else {
        current.add(line);
      }
    }
    return tables;
  }

  /** Every row as text, columns joined by |, without updated_at, sorted. */
  static List<String> rows(PostgresSchema database, String table) throws SQLException {
    List<String> rows = new ArrayList<>();
    try (Connection connection = database.connect();
        Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery("SELECT * FROM " + table)) {
      ResultSetMetaData meta = result.getMetaData();
      while (result.next()) {
        List<String> cells = new ArrayList<>();
        for (int i = 1; i <= meta.getColumnCount(); i++) {
          if (!meta.getColumnName(i).equals("updated_at")) {
            String value = result.getString(i);
            cells.add(value == null ? "NULL" : value.replace("\n", "\\n"));
          }
        }
        rows.add(String.join("|", cells));
      }
    }
    rows.sort(null);
    return rows;
  }

  /** The distinct updated_at values of a table, as PostgreSQL prints them. */
  static List<String> updatedAt(PostgresSchema database, String table) throws SQLException {
    List<String> stamps = new ArrayList<>();
    try (Connection connection = database.connect();
        Statement statement = connection.createStatement();
        ResultSet result =
            statement.executeQuery(
                "SELECT DISTINCT updated_at::text FROM " + table + " ORDER BY 1")) {
      while (result.next()) {
        stamps.add(result.getString(1));
      }
    }
    return stamps;
  }

  /** Tables left behind by a staging step (there must be none once a run is over). */
  static List<String> stagingTables(PostgresSchema database) throws SQLException {
    List<String> tables = new ArrayList<>();
    try (Connection connection = database.connect();
        Statement statement = connection.createStatement();
        ResultSet result =
            statement.executeQuery(
                "SELECT table_name FROM information_schema.tables WHERE table_schema ="
                    + " current_schema() AND table_name LIKE '%\\_staging\\_%' ORDER BY 1")) {
      while (result.next()) {
        tables.add(result.getString(1));
      }
    }
    return tables;
  }
}
