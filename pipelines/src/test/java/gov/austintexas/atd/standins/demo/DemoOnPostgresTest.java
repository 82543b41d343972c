package gov.austintexas.atd.standins.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gov.austintexas.atd.pipelines.Launcher;
import gov.austintexas.atd.testing.PostgresSchema;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** With {@code ATD_DEMO_JDBC_URL} set, the demo's bond tables are in that PostgreSQL, created there by bond-data. */
class DemoOnPostgresTest {
  @RegisterExtension static final PostgresSchema postgres = new PostgresSchema();

  @Test
  void theBondTablesGoToThePostgresqlNamedByTheEnvironment(@TempDir Path outputDir) throws Exception {
    Map<String, String> environment = new HashMap<>(Map.of("ATD_DEMO_JDBC_URL", postgres.jdbcUrl(),
        "ATD_DEMO_JDBC_USER", PostgresSchema.user()));
    if (!PostgresSchema.password().isEmpty()) {
      environment.put("ATD_DEMO_JDBC_PASSWORD", PostgresSchema.password());
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int exit = new Launcher(environment, new PrintStream(out, true, StandardCharsets.UTF_8), System.err)
        .run("demo", "--outputDir=" + outputDir);

    assertEquals(0, exit);
    List<String> printed = out.toString(StandardCharsets.UTF_8).lines().toList();
    assertTrue(printed.contains("demo: warehouse: PostgreSQL " + postgres.jdbcUrl()), String.join("\n", printed));
    assertTrue(printed.contains("bond-calculations mri6-eexh (all bonds lookup): 4 rows, written to "
        + outputDir.resolve("bond-calculations/all_bonds_lookup.json") + "; replaced in Socrata (4 rows)"));
    if (!PostgresSchema.password().isEmpty()) {
      assertFalse(out.toString(StandardCharsets.UTF_8).contains(PostgresSchema.password()));
    }
    try (Connection connection = postgres.connect(); Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT count(*), count(DISTINCT fiscal_year) FROM expenses_obligated_2020_bond_raw")) {
      rows.next();
      assertEquals(150, rows.getInt(1));
      assertEquals(3, rows.getInt(2));
    }
  }
}
