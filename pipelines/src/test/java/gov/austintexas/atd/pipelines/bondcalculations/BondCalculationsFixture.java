package gov.austintexas.atd.pipelines.bondcalculations;

import com.fasterxml.jackson.databind.JsonNode;
import gov.austintexas.atd.pipelines.ConfigFiles;
import gov.austintexas.atd.pipelines.Resources;
import gov.austintexas.atd.pipelines.bondcalculations.BondDatasets.Dataset;
import gov.austintexas.atd.pipelines.bonddata.BondDdl;
import gov.austintexas.atd.pipelines.bonddata.BondTables;
import gov.austintexas.atd.testing.PostgresSchema;
import gov.austintexas.atd.transforms.jdbc.SqlScript;
import gov.austintexas.atd.transforms.json.Json;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The small bond data set over three fiscal years (test resource bond/calculations-seed.sql) and
 * the seven datasets worked out by hand from it (expected/bond/calculations), for every test that
 * runs {@code bond-calculations}.
 */
public final class BondCalculationsFixture {
  private BondCalculationsFixture() {}

  /** Creates the bond tables afresh in the schema and fills them with the seed rows. */
  public static void seed(PostgresSchema postgres) throws Exception {
    try (Connection connection = postgres.connect();
        Statement statement = connection.createStatement()) {
      for (String table : BondTables.SOURCES) {
        statement.execute("DROP TABLE IF EXISTS " + table);
      }
      for (String sql : SqlScript.statements(ConfigFiles.packed().text(BondDdl.CONFIG))) {
        statement.execute(sql);
      }
      for (String sql : SqlScript.statements(Resources.text("bond/calculations-seed.sql"))) {
        statement.execute(sql);
      }
    }
  }

  /** The rows of a dataset as worked out by hand, one compact JSON object per line, sorted. */
  public static List<String> expected(Dataset dataset) {
    String name = dataset.name().toLowerCase(Locale.ROOT);
    return Resources.text("expected/bond/calculations/" + name + ".jsonl")
        .lines()
        .filter(line -> !line.startsWith("#") && !line.isBlank())
        .sorted()
        .toList();
  }

  /** The rows of a written dataset file (a JSON array), in the form of {@link #expected}. */
  public static List<String> rows(String jsonArray) throws Exception {
    List<String> rows = new ArrayList<>();
    for (JsonNode row : Json.MAPPER.readTree(jsonArray)) {
      rows.add(Json.MAPPER.writeValueAsString(row));
    }
    rows.sort(null);
    return rows;
  }
}
