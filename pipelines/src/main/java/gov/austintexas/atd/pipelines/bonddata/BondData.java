package gov.austintexas.atd.pipelines.bonddata;

import gov.austintexas.atd.pipelines.AtdPipeline;
import gov.austintexas.atd.pipelines.BondDatabase;
import gov.austintexas.atd.pipelines.ConfigFiles;
import gov.austintexas.atd.pipelines.Leftovers;
import gov.austintexas.atd.pipelines.OutageException;
import gov.austintexas.atd.pipelines.RunReport;
import gov.austintexas.atd.pipelines.RunResults;
import gov.austintexas.atd.pipelines.Settings;
import gov.austintexas.atd.pipelines.UsageException;
import gov.austintexas.atd.transforms.BadDataException;
import gov.austintexas.atd.transforms.jdbc.JdbcSettings;
import gov.austintexas.atd.transforms.jdbc.ReplaceTableRows;
import gov.austintexas.atd.transforms.s3.S3AccessOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.values.PCollectionList;

/**
 * {@code bond-data}: every configured CSV source (or the one named by {@code --source}) into its
 * PostgreSQL table, each table replaced whole in one transaction with {@code updated_at} set to the
 * run's start time (UTC).
 *
 * <p>Sources are independent branches of one pipeline: a source with an invalid row, or whose write
 * the database refuses, leaves its table exactly as it was while the others load. The run then
 * prints each such source's first 50 invalid rows with their total and fails with exit code 3. A
 * source that could not be fetched, or whose table could not be replaced (a lost connection, a lock
 * or statement timeout), is an outage: exit code 1. Each source's report comes back as data ({@link
 * RunResults}), never through metrics.
 */
public class BondData implements AtdPipeline<BondDataOptions> {
  private static final String REPORTS = "source-reports";
  private final Map<String, String> environment;
  private final Clock clock;

  public BondData(Map<String, String> environment) {
    this(environment, Clock.systemUTC());
  }

  BondData(Map<String, String> environment, Clock clock) {
    this.environment = environment;
    this.clock = clock;
  }

  @Override
  public String name() {
    return "bond-data";
  }

  @Override
  public String description() {
    return "the bond CSV sources, validated, each into its PostgreSQL table in one transaction";
  }

  @Override
  public Class<BondDataOptions> optionsClass() {
    return BondDataOptions.class;
  }

  @Override
  public List<String> run(BondDataOptions options, RunReport runReport) {
    LocalDateTime runStart = LocalDateTime.now(clock).truncatedTo(ChronoUnit.MICROS);
    String input = input(options);
    // The destination is a database: the report goes next to the MicroStrategy reports it reads.
    runReport
        .durableDefaultDirectory(
            input == null ? null : Settings.withSlash(input) + "reports/",
            options,
            "give --reportDir (s3://bucket/prefix/ or a mounted folder), --input, or set BUCKET")
        .subject(options.getSource());
    ConfigFiles files = ConfigFiles.of(options, environment);
    BondSources config = sources(options, files);
    List<BondSources.Source> selected = config.select(options.getSource());
    BondDdl ddl = BondDdl.load(files);
    JdbcSettings connection = BondDatabase.settings(options, environment, name());
    JdbcSettings database =
        connection.withTimeouts(
            connection
                .timeouts()
                .withLock(
                    Settings.seconds("--dbLockTimeoutSeconds", options.getDbLockTimeoutSeconds())));
    Duration httpTimeout =
        Settings.seconds("--httpTimeoutSeconds", options.getHttpTimeoutSeconds());
    List<LoadSource> loads = new ArrayList<>();
    for (BondSources.Source source : selected) {
      loads.add(
          new LoadSource(
              source.table(),
              BondSources.resolve(source.location(), input),
              ddl.createStatement(source.name()),
              database,
              runStart,
              httpTimeout));
    }
    S3AccessOptions.applyTo(options);

    Pipeline pipeline = Pipeline.create(options);
    RunResults results = RunResults.of(options);
    PCollectionList<String> reports = PCollectionList.empty(pipeline);
    for (int i = 0; i < selected.size(); i++) {
      reports = reports.and(pipeline.apply(selected.get(i).name(), loads.get(i)));
    }
    for (BondSources.Source source : selected) {
      String table = source.table().table();
      Leftovers.clean(
          runReport,
          table,
          () -> ReplaceTableRows.removeLeftovers(database, table, runReport.start()));
    }
    reports
        .apply("All source reports", Flatten.pCollections())
        .apply("Keep source reports", results.collect(REPORTS));
    PipelineResult result = pipeline.run();
    result.waitUntilFinish();
    runReport.metricsOf(result);

    Map<String, SourceReport> byTable = new HashMap<>();
    results
        .read(REPORTS)
        .forEach(
            json -> {
              SourceReport report = SourceReport.fromJson(json);
              byTable.put(report.table(), report);
            });
    List<String> lines = new ArrayList<>();
    List<String> notLoaded = new ArrayList<>();
    List<String> outages = new ArrayList<>();
    for (BondSources.Source source : selected) {
      SourceReport report = byTable.get(source.name());
      if (report == null) {
        throw new IllegalStateException("the run reported nothing for " + source.name());
      }
      lines.addAll(report.lines());
      if (!report.loaded()) {
        (report.outage() ? outages : notLoaded).add(source.name());
      }
    }
    String leftAsTheyWere = " not loaded, their tables left as they were: ";
    // An outage first: a scheduler retries exit 1, and a retry can load those sources.
    if (!outages.isEmpty()) {
      throw new OutageException(
          outages.size()
              + " of "
              + selected.size()
              + " sources could not be reached or"
              + " written (an outage or a timeout), and"
              + leftAsTheyWere
              + String.join(", ", outages)
              + (notLoaded.isEmpty()
                  ? ""
                  : "; "
                      + notLoaded.size()
                      + " more had invalid data: "
                      + String.join(", ", notLoaded)),
          lines);
    }
    if (!notLoaded.isEmpty()) {
      throw new BadDataException(
          notLoaded.size()
              + " of "
              + selected.size()
              + " sources"
              + leftAsTheyWere
              + String.join(", ", notLoaded),
          lines);
    }
    lines.add(
        "bond-data: "
            + selected.size()
            + (selected.size() == 1 ? " table" : " tables")
            + " replaced, updated_at "
            + runStart
            + " UTC");
    return lines;
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

  private String input(BondDataOptions options) {
    if (options.getInput() != null && !options.getInput().isBlank()) {
      return options.getInput();
    }
    String bucket = environment.get("BUCKET");
    return bucket == null || bucket.isBlank() ? null : "s3://" + bucket + "/";
  }
}
