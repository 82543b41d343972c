package gov.austintexas.atd.pipelines.financetos3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gov.austintexas.atd.pipelines.UsageException;
import java.util.Map;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.io.jdbc.JdbcIO;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.transforms.display.DisplayData;
import org.junit.jupiter.api.Test;

/** Connection settings: Oracle parts, the old scripts' variables as fallbacks, or a JDBC URL. */
class FinanceDatabaseTest {

  private static FinanceDatabaseOptions options(String... args) {
    return PipelineOptionsFactory.fromArgs(args).as(FinanceDatabaseOptions.class);
  }

  @Test
  void oraclePartsComeFromTheOldScriptsVariables() {
    FinanceDatabase.ConnectionSettings config =
        FinanceDatabase.settings(
            options(),
            Map.of(
                "HOST",
                "fin-db.example",
                "PORT",
                "1526",
                "SERVICE",
                "FINPRD",
                "USER",
                "atd_ro",
                "PASSWORD",
                "hunter2-secret"));
    assertEquals("jdbc:oracle:thin:@//fin-db.example:1526/FINPRD", config.url());
    assertEquals("oracle.jdbc.OracleDriver", config.driver());
    assertEquals("atd_ro", config.user());
    assertEquals("hunter2-secret", config.password());
  }

  @Test
  void optionsWinOverVariablesAndPortDefaultsTo1521() {
    FinanceDatabase.ConnectionSettings config =
        FinanceDatabase.settings(
            options("--dbHost=other", "--dbService=FINTST", "--dbUser=me", "--dbPassword=pw"),
            Map.of("HOST", "fin-db.example", "SERVICE", "FINPRD", "USER", "root", "PASSWORD", "x"));
    assertEquals("jdbc:oracle:thin:@//other:1521/FINTST", config.url());
    assertEquals("me", config.user());
  }

  @Test
  void aJdbcUrlIgnoresTheLoginUsersVariable() {
    FinanceDatabase.ConnectionSettings config =
        FinanceDatabase.settings(
            options("--jdbcUrl=jdbc:postgresql://127.0.0.1:5432/test"),
            Map.of("USER", "root", "PASSWORD", "x"));
    assertEquals("org.postgresql.Driver", config.driver());
    assertNull(config.user());
    assertNull(config.password());
  }

  @Test
  void theLoginUsersVariableIsIgnoredWithoutTheOldVariableSet() {
    // A login shell or cron sets USER to the Unix user; only HOST and SERVICE together mean an old
    // env file.
    UsageException error =
        assertThrows(
            UsageException.class,
            () ->
                FinanceDatabase.settings(
                    options("--dbHost=fin-db", "--dbService=FINPRD"),
                    Map.of("HOST", "fin-db", "USER", "alice", "PASSWORD", "x")));
    assertEquals(
        "the financial database is not configured: give --jdbcUrl, or set --dbUser (or USER, read"
            + " only with HOST and SERVICE set), --dbPassword (or PASSWORD, read only with HOST and"
            + " SERVICE set)",
        error.getMessage());
    FinanceDatabase.ConnectionSettings config =
        FinanceDatabase.settings(
            options("--dbHost=fin-db", "--dbService=FINPRD", "--dbUser=etl", "--dbPassword=pw"),
            Map.of("USER", "alice"));
    assertEquals("etl", config.user());
  }

  @Test
  void anUnknownUrlIsAUsageErrorThatDoesNotEchoTheUrl() {
    UsageException error =
        assertThrows(
            UsageException.class,
            () ->
                FinanceDatabase.settings(
                    options("--jdbcUrl=jdbc:nosuch://h/db?password=s3cr3t"), Map.of()));
    assertFalse(error.getMessage().contains("s3cr3t"), error.getMessage());
  }

  @Test
  void thePasswordStaysOutOfSerializedOptionsAndDisplayData() {
    FinanceDatabaseOptions options = options("--dbPassword=s3cr3t-pw", "--dbUser=me");
    String serialized;
    try {
      serialized = new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(options);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new AssertionError(e);
    }
    assertFalse(serialized.contains("s3cr3t-pw"), serialized);
    assertFalse(DisplayData.from(options).toString().contains("s3cr3t-pw"));
    FinanceDatabase.ConnectionSettings config =
        FinanceDatabase.settings(
            options("--jdbcUrl=jdbc:h2:mem:x", "--dbPassword=s3cr3t-pw"), Map.of());
    assertEquals(
        "ConnectionSettings[driver=org.h2.Driver, user=null, password=****]", config.toString());
    String readDisplayData =
        DisplayData.from(
                JdbcIO.<String>read()
                    .withDataSourceConfiguration(config.toDataSourceConfiguration())
                    .withQuery("SELECT 1")
                    .withRowMapper(row -> row.getString(1))
                    .withCoder(StringUtf8Coder.of()))
            .toString();
    assertTrue(readDisplayData.contains("jdbc:h2:mem:x"), readDisplayData);
    assertFalse(readDisplayData.contains("s3cr3t-pw"), readDisplayData);
  }
}
