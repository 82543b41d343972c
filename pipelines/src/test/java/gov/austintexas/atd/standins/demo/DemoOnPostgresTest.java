package gov.austintexas.atd.standins.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gov.austintexas.atd.pipelines.Launcher;
import gov.austintexas.atd.testing.PostgresSchema;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * With {@code ATD_DEMO_JDBC_URL} set, the demo's bond tables are in that PostgreSQL, created there
 * by bond-data, and the warehouse password is in none of its output, logs or files.
 */
class DemoOnPostgresTest {
  @RegisterExtension static final PostgresSchema postgres = new PostgresSchema();

  /** Without a password the test database trusts the connection and ignores this one. */
  private static final String CANARY = "demo-warehouse-Pw-7c41e9";

  @Test
  void theBondTablesGoToThePostgresqlNamedByTheEnvironment(@TempDir Path outputDir)
      throws Exception {
    String password = PostgresSchema.password().isEmpty() ? CANARY : PostgresSchema.password();
    Map<String, String> environment =
        Map.of(
            "ATD_DEMO_JDBC_URL",
            postgres.jdbcUrl(),
            "ATD_DEMO_JDBC_USER",
            PostgresSchema.user(),
            "ATD_DEMO_JDBC_PASSWORD",
            password);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    ByteArrayOutputStream logs = new ByteArrayOutputStream();
    PrintStream systemOut = System.out;
    PrintStream systemErr = System.err;
    int exit;
    System.setOut(new PrintStream(new Tee(systemOut, logs), true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(new Tee(systemErr, logs), true, StandardCharsets.UTF_8));
    try {
      exit =
          new Launcher(
                  environment,
                  new PrintStream(out, true, StandardCharsets.UTF_8),
                  new PrintStream(err, true, StandardCharsets.UTF_8))
              .run("demo", "--outputDir=" + outputDir);
    } finally {
      System.setOut(systemOut);
      System.setErr(systemErr);
    }

    assertEquals(0, exit, err.toString(StandardCharsets.UTF_8));
    List<String> printed = out.toString(StandardCharsets.UTF_8).lines().toList();
    assertTrue(
        printed.contains("demo: warehouse: PostgreSQL " + postgres.jdbcUrl()),
        String.join("\n", printed));
    assertTrue(
        printed.contains(
            "bond-calculations mri6-eexh (all bonds lookup): 4 rows, written to "
                + outputDir.resolve("bond-calculations/all_bonds_lookup.json")
                + "; replaced in Socrata (4 rows)"));
    assertFalse(
        out.toString(StandardCharsets.UTF_8).contains(password), "the password was printed");
    assertFalse(
        err.toString(StandardCharsets.UTF_8).contains(password), "the password was printed");
    assertFalse(
        logs.toString(StandardCharsets.UTF_8).contains(password), "the password was logged");
    try (Stream<Path> files = Files.walk(outputDir)) {
      List<Path> all = files.filter(Files::isRegularFile).toList();
      assertTrue(
          all.stream().anyMatch(file -> file.toString().contains("run-reports")), all.toString());
      for (Path file : all) {
        assertFalse(
            new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1).contains(password),
            "the password is in " + file);
      }
    }
    try (Connection connection = postgres.connect();
        Statement statement = connection.createStatement();
        ResultSet rows =
            statement.executeQuery(
                "SELECT count(*), count(DISTINCT fiscal_year) FROM"
                    + " expenses_obligated_2020_bond_raw")) {
      rows.next();
      assertEquals(150, rows.getInt(1));
      assertEquals(3, rows.getInt(2));
    }
  }

  /** Writes to the real stream and keeps a copy. */
  private static final class Tee extends OutputStream {
    private final OutputStream real;
    private final OutputStream copy;

    Tee(OutputStream real, OutputStream copy) {
      this.real = real;
      this.copy = copy;
    }

    @Override
    public synchronized void write(int b) throws IOException {
      real.write(b);
      copy.write(b);
    }

    @Override
    public synchronized void write(byte[] bytes, int offset, int length) throws IOException {
      real.write(bytes, offset, length);
      copy.write(bytes, offset, length);
    }
  }
}
