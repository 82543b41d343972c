package gov.austintexas.atd.testing;

import gov.austintexas.atd.transforms.jdbc.SqlScript;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Properties;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A schema of its own in the real PostgreSQL server for one test class, created fresh before the
 * class (dropping any left by an earlier run) and dropped after it, so tests pass in any order and
 * on a rerun.
 *
 * <p>The server comes from {@code ATD_TEST_JDBC_URL} (default {@code
 * jdbc:postgresql://127.0.0.1:5432/test}), {@code ATD_TEST_JDBC_USER} (default {@code postgres})
 * and {@code ATD_TEST_JDBC_PASSWORD} (default empty).
 */
public class PostgresSchema implements BeforeAllCallback, AfterAllCallback {
  private final String fixedName;
  private String schema;

  /** A schema named after the test class. */
  public PostgresSchema() {
    this(null);
  }

  /** A schema with a given name, for SQL that names its schema (e.g. {@code mstr_ia_dev}). */
  public PostgresSchema(String name) {
    this.fixedName = name;
  }

  public static String serverUrl() {
    return env("ATD_TEST_JDBC_URL", "jdbc:postgresql://127.0.0.1:5432/test");
  }

  public static String user() {
    return env("ATD_TEST_JDBC_USER", "postgres");
  }

  public static String password() {
    return env("ATD_TEST_JDBC_PASSWORD", "");
  }

  @Override
  public void beforeAll(ExtensionContext context) throws SQLException {
    schema =
        fixedName != null
            ? fixedName
            : "t_" + context.getRequiredTestClass().getSimpleName().toLowerCase(Locale.ROOT);
    try (Connection connection = serverConnection();
        Statement statement = connection.createStatement()) {
      statement.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
      statement.execute("CREATE SCHEMA " + schema);
    }
  }

  @Override
  public void afterAll(ExtensionContext context) throws SQLException {
    try (Connection connection = serverConnection();
        Statement statement = connection.createStatement()) {
      statement.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    }
  }

  public String name() {
    return schema;
  }

  /** A JDBC URL whose unqualified names resolve in this schema. */
  public String jdbcUrl() {
    String url = serverUrl();
    return url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema;
  }

  public Connection connect() throws SQLException {
    return DriverManager.getConnection(jdbcUrl(), credentials());
  }

  /** The first column of the first row of a query, as text. */
  public String queryOne(String sql) throws SQLException {
    try (Connection connection = connect();
        Statement statement = connection.createStatement();
        java.sql.ResultSet result = statement.executeQuery(sql)) {
      result.next();
      return result.getString(1);
    }
  }

  /** Runs SQL statements separated by semicolons at line ends. */
  public void execute(String script) throws SQLException {
    try (Connection connection = connect();
        Statement statement = connection.createStatement()) {
      for (String sql : SqlScript.statements(script)) {
        statement.execute(sql);
      }
    }
  }

  private static Connection serverConnection() throws SQLException {
    return DriverManager.getConnection(serverUrl(), credentials());
  }

  private static Properties credentials() {
    Properties properties = new Properties();
    properties.setProperty("user", user());
    if (!password().isEmpty()) {
      properties.setProperty("password", password());
    }
    return properties;
  }

  private static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }
}
