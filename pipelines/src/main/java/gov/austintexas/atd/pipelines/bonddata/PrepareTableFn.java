package gov.austintexas.atd.pipelines.bonddata;

import gov.austintexas.atd.transforms.failure.Failure;
import gov.austintexas.atd.transforms.jdbc.JdbcSettings;
import gov.austintexas.atd.transforms.validation.ColumnSpec;
import gov.austintexas.atd.transforms.validation.TableSpec;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.values.TupleTag;

/**
 * Before a source is read: creates its table when absent (the project's DDL) and checks that the
 * table has the columns the source maps to, with the same types, plus {@code updated_at}. A
 * mismatch (a table made by hand, an edited mapping) fails that source, not the run. Passes the
 * source's location on when the table is ready. On H2 in PostgreSQL mode (the demo's warehouse)
 * H2's names of the DDL's types are read as PostgreSQL's.
 */
class PrepareTableFn extends DoFn<String, String> {
  private static final long serialVersionUID = 1L;
  static final TupleTag<String> READY = new TupleTag<>() {};
  static final TupleTag<Failure> INVALID = new TupleTag<>() {};

  private static final Map<String, String> H2_TYPES =
      Map.of(
          "character varying",
          "text",
          "decfloat",
          "numeric",
          "timestamp",
          "timestamp without time zone");

  private final JdbcSettings database;
  private final TableSpec table;
  private final String createStatement;

  PrepareTableFn(JdbcSettings database, TableSpec table, String createStatement) {
    this.database = database;
    this.table = table;
    this.createStatement = createStatement;
  }

  @ProcessElement
  public void processElement(@Element String location, MultiOutputReceiver out)
      throws SQLException {
    try (Connection connection = database.connect()) {
      try (Statement statement = connection.createStatement()) {
        statement.execute(createStatement);
      }
      List<String> mismatches = mismatches(actualColumns(connection));
      if (mismatches.isEmpty()) {
        out.get(READY).output(location);
      } else {
        out.get(INVALID)
            .output(
                Failure.of(
                    "prepare table",
                    "table " + table.table(),
                    "the table does not match its source in sources.json: "
                        + String.join("; ", mismatches)));
      }
    }
  }

  private Map<String, String> actualColumns(Connection connection) throws SQLException {
    Map<String, String> columns = new LinkedHashMap<>();
    boolean h2 = connection.getMetaData().getDatabaseProductName().equals("H2");
    try (PreparedStatement query =
        connection.prepareStatement(
            "SELECT column_name, data_type FROM information_schema.columns WHERE table_schema ="
                + " current_schema() AND table_name = ? ORDER BY ordinal_position")) {
      query.setString(1, table.table());
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          String type = rows.getString(2).toLowerCase(Locale.ROOT);
          columns.put(rows.getString(1), h2 ? H2_TYPES.getOrDefault(type, type) : type);
        }
      }
    }
    return columns;
  }

  private List<String> mismatches(Map<String, String> actual) {
    Map<String, String> expected = new LinkedHashMap<>();
    for (ColumnSpec column : table.columns()) {
      expected.put(column.name(), column.type().postgresType());
    }
    expected.put("updated_at", "timestamp without time zone");
    List<String> mismatches = new ArrayList<>();
    expected.forEach(
        (name, type) -> {
          String found = actual.get(name);
          if (found == null) {
            mismatches.add("it has no column " + name);
          } else if (!found.equals(type)) {
            mismatches.add("column " + name + " is " + found + ", not " + type);
          }
        });
    return mismatches;
  }
}
