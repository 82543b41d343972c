package gov.austintexas.atd.transforms.jdbc;

import java.io.Serializable;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import org.apache.beam.sdk.io.jdbc.JdbcIO.DataSourceConfiguration;

/** A JDBC URL and credentials. {@link #toString()} never shows the password. */
public record JdbcSettings(String url, String user, String password) implements Serializable {

  public Connection connect() throws SQLException {
    Properties properties = new Properties();
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
      throw new IllegalArgumentException("no JDBC driver on the class path accepts the database URL");
    }
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
    return "JdbcSettings[url=" + url + ", user=" + user + ", password=" + (password == null ? "none" : "****") + "]";
  }
}
