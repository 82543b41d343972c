package gov.austintexas.atd.pipelines;

import com.fasterxml.jackson.annotation.JsonIgnore;
import org.apache.beam.sdk.options.Description;

/** The bond PostgreSQL database, shared by {@code bond-data} and {@code bond-calculations}. */
public interface BondDatabaseOptions extends DatabaseTimeoutOptions {

  @Description(
      "JDBC URL of the PostgreSQL database, e.g. jdbc:postgresql://host:5432/db. Falls back to "
          + "PGHOST, PGPORT (default 5432) and PGDATABASE.")
  String getJdbcUrl();

  void setJdbcUrl(String value);

  @Description("Database user. Falls back to PGUSER.")
  String getDbUser();

  void setDbUser(String value);

  @Description("Database password. Falls back to PGPASSWORD; prefer the variable.")
  @JsonIgnore
  String getDbPassword();

  void setDbPassword(String value);
}
