package gov.austintexas.atd.pipelines.finance;

import gov.austintexas.atd.pipelines.Settings;
import gov.austintexas.atd.pipelines.UsageException;
import gov.austintexas.atd.transforms.jdbc.JdbcSettings;
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
  record ConnectionSettings(String driver, String url, String user, String password) {
    JdbcSettings jdbc() {
      return new JdbcSettings(url, user, password);
    }

    DataSourceConfiguration toDataSourceConfiguration() {
      DataSourceConfiguration config = DataSourceConfiguration.create(driver, url);
      if (user != null) {
        config = config.withUsername(user);
      }
      if (password != null) {
        config = config.withPassword(password);
      }
      return config;
    }

    @Override
    public String toString() {
      return "ConnectionSettings[driver=" + driver + ", user=" + user + ", password=" + (password == null ? "none" : "****") + "]";
    }
  }

  static ConnectionSettings settings(FinanceDatabaseOptions options, Map<String, String> env) {
    if (options.getJdbcUrl() != null) {
      return withCredentials(options.getJdbcUrl(), options.getDbUser(), options.getDbPassword());
    }
    Settings fallbacks = new Settings(env);
    List<String> missing = new ArrayList<>();
    String host = fallbacks.required(options.getDbHost(), "HOST", "--dbHost", missing);
    String service = fallbacks.required(options.getDbService(), "SERVICE", "--dbService", missing);
    String user = fallbacks.required(options.getDbUser(), "USER", "--dbUser", missing);
    String password = fallbacks.required(options.getDbPassword(), "PASSWORD", "--dbPassword", missing);
    if (!missing.isEmpty()) {
      throw new UsageException(
          "the financial database is not configured: give --jdbcUrl, or set " + String.join(", ", missing));
    }
    String port = options.getDbPort() != null ? options.getDbPort().toString() : env.getOrDefault("PORT", "1521");
    if (!port.matches("\\d{1,5}")) {
      throw new UsageException("PORT must be a port number, not '" + port + "'");
    }
    return withCredentials("jdbc:oracle:thin:@//" + host + ":" + port + "/" + service, user, password);
  }

  private static ConnectionSettings withCredentials(String url, String user, String password) {
    return new ConnectionSettings(driverFor(url), url, user, password);
  }

  /** The class of the registered driver that accepts the URL (ojdbc11, PostgreSQL or H2). */
  private static String driverFor(String url) {
    try {
      Driver driver = DriverManager.getDriver(url);
      return driver.getClass().getName();
    } catch (SQLException noDriver) {
      // Never echo the URL: it may carry a password.
      throw new UsageException("no JDBC driver in the jar accepts the database URL (expected jdbc:oracle:, jdbc:postgresql: or jdbc:h2:)");
    }
  }

}
