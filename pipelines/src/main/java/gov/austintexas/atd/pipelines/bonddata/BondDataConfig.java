package gov.austintexas.atd.pipelines.bonddata;

import gov.austintexas.atd.pipelines.BondDatabase;
import gov.austintexas.atd.pipelines.ConfigFiles;
import gov.austintexas.atd.pipelines.RunReport;
import gov.austintexas.atd.pipelines.Settings;
import gov.austintexas.atd.pipelines.UsageException;
import gov.austintexas.atd.transforms.jdbc.JdbcSettings;
import gov.austintexas.atd.transforms.validation.TableSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;

/**
 * What one {@code bond-data} run does, resolved from its options, variables and configuration files
 * with every check made before any I/O to a source or the database: the sources to load (each with
 * its table, resolved location and {@code CREATE TABLE}), the database with its lock timeout, the
 * download time limit, and the run's start, which stamps {@code updated_at}.
 */
record BondDataConfig(
    List<Load> loads, JdbcSettings database, Duration httpTimeout, LocalDateTime runStart) {

  /** One source into its table. */
  record Load(String name, TableSpec table, String location, String createStatement) {}

  /** Resolves and checks the options, telling {@code report} the subject and default directory. */
  static BondDataConfig resolve(
      BondDataOptions options,
      Map<String, String> environment,
      String pipeline,
      LocalDateTime runStart,
      RunReport report) {
    String input = input(options, environment);
    // The destination is a database: the report goes next to the MicroStrategy reports it reads.
    report
        .durableDefaultDirectory(
            input == null ? null : Settings.withSlash(input) + "reports/",
            options,
            "give --reportDir (s3://bucket/prefix/ or a mounted folder), --input, or set BUCKET")
        .subject(options.getSource());
    ConfigFiles files = ConfigFiles.of(options, environment);
    List<BondSources.Source> selected = sources(options, files).select(options.getSource());
    BondDdl ddl = BondDdl.load(files);
    JdbcSettings connection = BondDatabase.settings(options, environment, pipeline);
    JdbcSettings database =
        connection.withTimeouts(
            connection
                .timeouts()
                .withLock(
                    Settings.seconds("--dbLockTimeoutSeconds", options.getDbLockTimeoutSeconds())));
    List<Load> loads =
        selected.stream()
            .map(
                source ->
                    new Load(
                        source.name(),
                        source.table(),
                        BondSources.resolve(source.location(), input),
                        ddl.createStatement(source.name())))
            .toList();
    return new BondDataConfig(
        loads,
        database,
        Settings.seconds("--httpTimeoutSeconds", options.getHttpTimeoutSeconds()),
        runStart);
  }

  /** --sourcesFile, else bond/sources.json in the configuration. */
  private static BondSources sources(BondDataOptions options, ConfigFiles files) {
    String file = options.getSourcesFile();
    if (file == null || file.isBlank()) {
      return BondSources.parse(files.text(BondSources.CONFIG), files.source(BondSources.CONFIG));
    }
    try {
      return BondSources.parse(Files.readString(Path.of(file), StandardCharsets.UTF_8), file);
    } catch (IOException e) {
      throw new UsageException("cannot read --sourcesFile " + file + ": " + e.getMessage());
    }
  }

  private static String input(BondDataOptions options, Map<String, String> environment) {
    if (options.getInput() != null && !options.getInput().isBlank()) {
      return options.getInput();
    }
    String bucket = environment.get("BUCKET");
    return bucket == null || bucket.isBlank() ? null : "s3://" + bucket + "/";
  }
}
