package gov.austintexas.atd.standins.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The bond warehouse of the demo: the PostgreSQL named by {@code ATD_DEMO_JDBC_URL} (with {@code
 * ATD_DEMO_JDBC_USER} and {@code ATD_DEMO_JDBC_PASSWORD}) when it is set, else a fresh in-memory H2
 * database in PostgreSQL mode, so the demo needs no server.
 */
public record DemoWarehouse(String jdbcUrl, String user, String password) {
  static final String URL_VARIABLE = "ATD_DEMO_JDBC_URL";

  static DemoWarehouse from(Map<String, String> environment) {
    String url = environment.get(URL_VARIABLE);
    if (url == null || url.isBlank()) {
      return new DemoWarehouse(
          h2InPostgresMode("atd-demo-warehouse-" + UUID.randomUUID()), null, null);
    }
    return new DemoWarehouse(
        url, environment.get("ATD_DEMO_JDBC_USER"), environment.get("ATD_DEMO_JDBC_PASSWORD"));
  }

  /**
   * An in-memory H2 database that speaks enough PostgreSQL for the bond pipelines; it lives until
   * SHUTDOWN.
   */
  public static String h2InPostgresMode(String name) {
    return "jdbc:h2:mem:"
        + name
        + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1";
  }

  boolean isH2() {
    return jdbcUrl.startsWith("jdbc:h2:");
  }

  /** The bond pipelines' database options. */
  List<String> options() {
    List<String> options = new ArrayList<>(List.of("--jdbcUrl=" + jdbcUrl));
    if (user != null) {
      options.add("--dbUser=" + user);
    }
    if (password != null) {
      options.add("--dbPassword=" + password);
    }
    return options;
  }

  /** Where the bond tables are, for the summary: never the password. */
  String description() {
    return isH2()
        ? "H2 in PostgreSQL mode, in memory (set " + URL_VARIABLE + " to use a PostgreSQL)"
        : "PostgreSQL " + jdbcUrl.replaceAll("(?i)(password=)[^&;]*", "$1****");
  }

  @Override
  public String toString() {
    return "DemoWarehouse[" + description() + "]";
  }
}
