package gov.austintexas.atd.transforms.jdbc;

import java.io.Serializable;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

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

  @Override
  public String toString() {
    return "JdbcSettings[url=" + url + ", user=" + user + ", password=" + (password == null ? "none" : "****") + "]";
  }
}
