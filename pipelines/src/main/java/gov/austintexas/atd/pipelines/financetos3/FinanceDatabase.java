package gov.austintexas.atd.pipelines.financetos3;

import gov.austintexas.atd.pipelines.DatabaseTimeoutOptions;
import gov.austintexas.atd.pipelines.Settings;
import gov.austintexas.atd.pipelines.UsageException;
import gov.austintexas.atd.transforms.jdbc.JdbcSettings;
import gov.austintexas.atd.transforms.jdbc.JdbcTimeouts;
import gov.austintexas.atd.transforms.jdbc.JdbcUrlCredentials;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.io.jdbc.JdbcIO.DataSourceConfiguration;

/** Turns {@link FinanceDatabaseOptions} and the environment into a JdbcIO data source. */
final class FinanceDatabase {
  private FinanceDatabase() {}

  /** Resolved connection settings. {@link #toString()} never shows the password. */
  record ConnectionSettings(
      String driver, String url, String user, String password, JdbcTimeouts timeouts) {
    JdbcSettings jdbc() {
      return new JdbcSettings(url, user, password, timeouts);
    }

    DataSourceConfiguration toDataSourceConfiguration() {
      return jdbc().toDataSourceConfiguration(driver);
    }

    @Override
    public String toString() {
      return "ConnectionSettings[driver="
          + driver
          + ", user="
          + user
          + ", password="
          + (password == null ? "none" : "****")
          + "]";
    }
  }

  /**
   * The connection: {@code --jdbcUrl} with only {@code --dbUser}/{@code --dbPassword}, or the
   * Oracle parts, each from its option else its old variable. {@code USER} and {@code PASSWORD} are
   * read only when the old variable set is in use, that is when {@code HOST} and {@code SERVICE}
   * are both set in the environment: a login shell and cron always set {@code USER} to the Unix
   * user, which must never become the database user.
   */
  static ConnectionSettings settings(FinanceDatabaseOptions options, Map<String, String> env) {
    JdbcTimeouts timeouts = DatabaseTimeoutOptions.timeouts(options);
    if (options.getJdbcUrl() != null) {
      return withCredentials(
          options.getJdbcUrl(), options.getDbUser(), options.getDbPassword(), timeouts);
    }
    Settings fallbacks = new Settings(env);
    boolean oldVariableSet =
        fallbacks.variable("HOST") != null && fallbacks.variable("SERVICE") != null;
    List<String> missing = new ArrayList<>();
    String host = fallbacks.required(options.getDbHost(), "HOST", "--dbHost", missing);
    String service = fallbacks.required(options.getDbService(), "SERVICE", "--dbService", missing);
    String user =
        credential(fallbacks, oldVariableSet, options.getDbUser(), "USER", "--dbUser", missing);
    String password =
        credential(
            fallbacks,
            oldVariableSet,
            options.getDbPassword(),
            "PASSWORD",
            "--dbPassword",
            missing);
    if (!missing.isEmpty()) {
      throw new UsageException(
          "the financial database is not configured: give --jdbcUrl, or set "
              + String.join(", ", missing));
    }
    String port =
        options.getDbPort() != null
            ? options.getDbPort().toString()
            : fallbacks.orEnv(null, "PORT", "dbPort");
    if (port == null) {
      port = "1521";
    }
    if (!port.matches("\\d{1,5}")) {
      throw new UsageException("PORT must be a port number, not '" + port + "'");
    }
    return withCredentials(
        "jdbc:oracle:thin:@//" + host + ":" + port + "/" + service, user, password, timeouts);
  }

  /** The option, else (only with the old variable set in use) the old variable. */
  private static String credential(
      Settings fallbacks,
      boolean oldVariableSet,
      String option,
      String variable,
      String flag,
      List<String> missing) {
    if (oldVariableSet) {
      return fallbacks.required(option, variable, flag, missing);
    }
    if (option == null || option.isBlank()) {
      missing.add(flag + " (or " + variable + ", read only with HOST and SERVICE set)");
      return null;
    }
    return option;
  }

  /**
   * Credentials written into the URL are moved out of it, so the URL shown in display data holds
   * none.
   */
  private static ConnectionSettings withCredentials(
      String url, String user, String password, JdbcTimeouts timeouts) {
    JdbcUrlCredentials split = JdbcUrlCredentials.of(url, user, password);
    return new ConnectionSettings(
        driverFor(split.url()), split.url(), split.user(), split.password(), timeouts);
  }

  /** The class of the registered driver that accepts the URL (ojdbc11, PostgreSQL or H2). */
  private static String driverFor(String url) {
    try {
      Driver driver = DriverManager.getDriver(url);
      return driver.getClass().getName();
    } catch (SQLException noDriver) {
      // Never echo the URL: it may carry a password.
      throw new UsageException(
          "no JDBC driver in the jar accepts the database URL (expected jdbc:oracle:,"
              + " jdbc:postgresql: or jdbc:h2:)");
    }
  }
}
