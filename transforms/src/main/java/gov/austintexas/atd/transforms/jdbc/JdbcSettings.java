package gov.austintexas.atd.transforms.jdbc;

import gov.austintexas.atd.transforms.secrets.SecretMask;
import java.io.Serializable;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import org.apache.beam.sdk.io.jdbc.JdbcIO.DataSourceConfiguration;

/**
 * A JDBC URL, credentials and the connection's time limits. {@link #toString()} never shows the
 * password, not even one inside the URL.
 */
public record JdbcSettings(String url, String user, String password, JdbcTimeouts timeouts)
    implements Serializable {

  /** With the default time limits. */
  public JdbcSettings(String url, String user, String password) {
    this(url, user, password, JdbcTimeouts.DEFAULT);
  }

  public JdbcSettings withTimeouts(JdbcTimeouts value) {
    return new JdbcSettings(url, user, password, value);
  }

  public Connection connect() throws SQLException {
    Properties properties = timeouts.driverProperties(url);
    if (user != null) {
      properties.setProperty("user", user);
    }
    if (password != null) {
      properties.setProperty("password", password);
    }
    return DriverManager.getConnection(url, properties);
  }

  /** A JdbcIO data source with the driver registered for the URL (PostgreSQL or H2 here). */
  public DataSourceConfiguration toDataSourceConfiguration() {
    String driver;
    try {
      driver = DriverManager.getDriver(url).getClass().getName();
    } catch (SQLException noDriver) {
      // Never echo the URL: it may carry a password.
      throw new IllegalArgumentException(
          "no JDBC driver on the class path accepts the database URL");
    }
    return toDataSourceConfiguration(driver);
  }

  /** A JdbcIO data source with this driver class. */
  public DataSourceConfiguration toDataSourceConfiguration(String driver) {
    DataSourceConfiguration config = DataSourceConfiguration.create(driver, url);
    if (user != null) {
      config = config.withUsername(user);
    }
    if (password != null) {
      config = config.withPassword(password);
    }
    return timeouts.applyTo(config, url);
  }

  @Override
  public String toString() {
    return "JdbcSettings[url="
        + SecretMask.inText(url)
        + ", user="
        + user
        + ", password="
        + (password == null ? "none" : "****")
        + "]";
  }
}
