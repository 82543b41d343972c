package gov.austintexas.atd.transforms.jdbc;

import java.io.Serializable;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;
import org.apache.beam.sdk.io.jdbc.JdbcIO;

/**
 * The time limits of a database connection, so that no call waits forever on a server that went
 * away or on another writer: establishing the connection, any one read from its socket, any one
 * statement, and waiting for a table lock.
 *
 * <p>They reach each driver in its own terms: PostgreSQL's {@code connectTimeout} and {@code
 * socketTimeout} properties and its {@code statement_timeout} setting; Oracle thin's {@code
 * oracle.net.CONNECT_TIMEOUT} and {@code oracle.jdbc.ReadTimeout}; and, for every driver, JDBC's
 * {@link Statement#setQueryTimeout} on the statements this project runs. The lock timeout is
 * PostgreSQL's {@code lock_timeout}, set with {@code SET LOCAL} where a table is locked.
 */
public record JdbcTimeouts(Duration connect, Duration socket, Duration statement, Duration lock)
    implements Serializable {
  /** 30 s to connect, 20 min per socket read, 15 min per statement, 60 s for a lock. */
  public static final JdbcTimeouts DEFAULT =
      new JdbcTimeouts(
          Duration.ofSeconds(30),
          Duration.ofMinutes(20),
          Duration.ofMinutes(15),
          Duration.ofSeconds(60));

  public JdbcTimeouts withLock(Duration value) {
    return new JdbcTimeouts(connect, socket, statement, value);
  }

  /** The driver properties that carry these limits for the database of {@code url}. */
  public Properties driverProperties(String url) {
    Properties properties = new Properties();
    if (url.startsWith("jdbc:postgresql:")) {
      properties.setProperty("connectTimeout", Long.toString(seconds(connect)));
      properties.setProperty("socketTimeout", Long.toString(seconds(socket)));
      properties.setProperty("options", "-c statement_timeout=" + statement.toMillis());
    } else if (url.startsWith("jdbc:oracle:")) {
      properties.setProperty("oracle.net.CONNECT_TIMEOUT", Long.toString(connect.toMillis()));
      properties.setProperty("oracle.jdbc.ReadTimeout", Long.toString(socket.toMillis()));
    }
    return properties;
  }

  /** The same properties in JdbcIO's {@code name=value;name=value} form. */
  public JdbcIO.DataSourceConfiguration applyTo(JdbcIO.DataSourceConfiguration config, String url) {
    Properties properties = driverProperties(url);
    if (properties.isEmpty()) {
      return config;
    }
    StringBuilder joined = new StringBuilder();
    properties.stringPropertyNames().stream()
        .sorted()
        .forEach(
            name ->
                joined
                    .append(joined.length() == 0 ? "" : ";")
                    .append(name)
                    .append('=')
                    .append(properties.getProperty(name)));
    return config.withConnectionProperties(joined.toString());
  }

  /** Sets the statement limit on {@code statement} (for drivers without a server-side setting). */
  public <S extends Statement> S limit(S statement) throws SQLException {
    statement.setQueryTimeout((int) Math.min(Integer.MAX_VALUE, seconds(this.statement)));
    return statement;
  }

  /** For JdbcIO reads: the statement limit on the read's query. */
  public JdbcIO.StatementPreparator statementLimit() {
    JdbcTimeouts timeouts = this;
    return statement -> timeouts.limit(statement);
  }

  /** {@code SET LOCAL lock_timeout} for the current PostgreSQL transaction. */
  public String setLocalLockTimeout() {
    return "SET LOCAL lock_timeout = '" + lock.toMillis() + "ms'";
  }

  private static long seconds(Duration duration) {
    return Math.max(1, (duration.toMillis() + 999) / 1000);
  }
}
