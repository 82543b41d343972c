package gov.austintexas.atd.pipelines.bonddata;

import gov.austintexas.atd.pipelines.AtdPipeline;
import gov.austintexas.atd.pipelines.Leftovers;
import gov.austintexas.atd.pipelines.RunReport;
import gov.austintexas.atd.pipelines.RunResults;
import gov.austintexas.atd.transforms.jdbc.ReplaceTableRows;
import gov.austintexas.atd.transforms.s3.S3AccessOptions;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;

/**
 * {@code bond-data}: every configured CSV source (or the one named by {@code --source}) into its
 * PostgreSQL table, each table replaced whole in one transaction with {@code updated_at} set to the
 * run's start time (UTC).
 *
 * <p>Sources are independent branches of one pipeline ({@link LoadSource}): a source with an
 * invalid row, or whose write the database refuses, leaves its table exactly as it was while the
 * others load. The run then prints each such source's first 50 invalid rows with their total and
 * fails with exit code 3. A source that could not be fetched, or whose table could not be replaced
 * (a lost connection, a lock or statement timeout), is an outage: exit code 1 ({@link
 * BondDataSummary}). Each source's report comes back as data ({@link RunResults}), never through
 * metrics.
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
  public List<String> run(BondDataOptions options, RunReport report) {
    LocalDateTime runStart = LocalDateTime.now(clock).truncatedTo(ChronoUnit.MICROS);
    BondDataConfig config = BondDataConfig.resolve(options, environment, name(), runStart, report);
    S3AccessOptions.applyTo(options);
    Pipeline pipeline = Pipeline.create(options);
    RunResults results = RunResults.of(options);
    build(pipeline, config).apply("Keep source reports", results.collect(REPORTS));
    for (BondDataConfig.Load load : config.loads()) {
      String table = load.table().table();
      Leftovers.clean(
          report,
          table,
          () -> ReplaceTableRows.removeLeftovers(config.database(), table, report.start()));
    }
    PipelineResult result = pipeline.run();
    result.waitUntilFinish();
    report.metricsOf(result);
    return BondDataSummary.of(
        config, results.read(REPORTS).stream().map(SourceReport::fromJson).toList());
  }

  /** The run's graph: one {@link LoadSource} per source; returns their reports, as JSON. */
  static PCollection<String> build(Pipeline pipeline, BondDataConfig config) {
    PCollectionList<String> reports = PCollectionList.empty(pipeline);
    for (BondDataConfig.Load load : config.loads()) {
      reports = reports.and(pipeline.apply(load.name(), new LoadSource(load, config)));
    }
    return reports.apply("All source reports", Flatten.pCollections());
  }
}
