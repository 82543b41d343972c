package gov.austintexas.atd.pipelines;

import gov.austintexas.atd.transforms.jdbc.JdbcSettings;
import gov.austintexas.atd.transforms.jdbc.JdbcUrlCredentials;
import java.util.Locale;
import java.util.Map;

/** Resolves {@link BondDatabaseOptions}, with the PG* variables as fallbacks, to JDBC settings. */
public final class BondDatabase {
  private BondDatabase() {}

  public static JdbcSettings settings(
      BondDatabaseOptions options, Map<String, String> environment, String pipeline) {
    Settings settings = new Settings(environment);
    String url = options.getJdbcUrl();
    if (url == null || url.isBlank()) {
      String host = settings.orEnv(null, "PGHOST");
      String name = settings.orEnv(null, "PGDATABASE");
      if (host == null || name == null) {
        throw new UsageException(
            "the database is not configured: give --jdbcUrl=jdbc:postgresql://host:5432/db, or set"
                + " PGHOST and PGDATABASE");
      }
      url =
          "jdbc:postgresql://"
              + host
              + ":"
              + environment.getOrDefault("PGPORT", "5432")
              + "/"
              + name;
      settings.noteSource("jdbcUrl", "variables PGHOST, PGPORT (default 5432), PGDATABASE");
    }
    // H2 in PostgreSQL mode is the demo's warehouse; nothing else speaks enough PostgreSQL.
    boolean h2InPostgresMode =
        url.startsWith("jdbc:h2:") && url.toLowerCase(Locale.ROOT).contains(";mode=postgresql");
    if (!url.startsWith("jdbc:postgresql:") && !h2InPostgresMode) {
      throw new UsageException(
          pipeline
              + " uses PostgreSQL: --jdbcUrl must start with jdbc:postgresql:"
              + " (or be H2 in PostgreSQL mode, jdbc:h2:…;MODE=PostgreSQL, for a try-out)");
    }
    // An option or variable wins over a password in the URL; either way the URL keeps none.
    JdbcUrlCredentials split =
        JdbcUrlCredentials.of(
            url,
            settings.orEnv(options.getDbUser(), "PGUSER", "dbUser"),
            settings.orEnv(options.getDbPassword(), "PGPASSWORD", "dbPassword"));
    return new JdbcSettings(
        split.url(), split.user(), split.password(), DatabaseTimeoutOptions.timeouts(options));
  }
}
