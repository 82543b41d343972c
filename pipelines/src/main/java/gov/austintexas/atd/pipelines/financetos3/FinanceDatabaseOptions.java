package gov.austintexas.atd.pipelines.financetos3;

import com.fasterxml.jackson.annotation.JsonIgnore;
import gov.austintexas.atd.pipelines.DatabaseTimeoutOptions;
import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;

/**
 * Where the financial database is. Either the Oracle parts (host, port, service, user, password;
 * the old scripts' HOST, PORT, SERVICE, USER and PASSWORD variables fill any part not given), or a
 * whole {@code --jdbcUrl} for any database with a driver in the jar.
 */
public interface FinanceDatabaseOptions extends DatabaseTimeoutOptions {

  @Description(
      "JDBC URL of the financial database, e.g. jdbc:postgresql://host:5432/db. Replaces "
          + "--dbHost/--dbPort/--dbService; credentials then come only from --dbUser/--dbPassword "
          + "or the URL.")
  String getJdbcUrl();

  void setJdbcUrl(String value);

  @Description("Oracle host name. Falls back to the HOST environment variable.")
  String getDbHost();

  void setDbHost(String value);

  @Description("Oracle listener port. Falls back to PORT, then 1521.")
  Integer getDbPort();

  void setDbPort(Integer value);

  @Description("Oracle service name. Falls back to SERVICE.")
  String getDbService();

  void setDbService(String value);

  @Description("Database user. Falls back to USER when the Oracle parts are used.")
  String getDbUser();

  void setDbUser(String value);

  @Description(
      "Database password. Falls back to PASSWORD when the Oracle parts are used. Prefer the "
          + "environment variable: a command line is visible to other users of the machine.")
  @JsonIgnore
  String getDbPassword();

  void setDbPassword(String value);

  @Description("Rows fetched per round trip; rows stream, so this bounds memory, not the total.")
  @Default.Integer(10_000)
  int getFetchSize();

  void setFetchSize(int value);
}
