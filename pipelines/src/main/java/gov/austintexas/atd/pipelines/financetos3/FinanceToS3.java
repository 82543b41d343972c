package gov.austintexas.atd.pipelines.financetos3;

import gov.austintexas.atd.pipelines.AtdPipeline;
import gov.austintexas.atd.pipelines.Leftovers;
import gov.austintexas.atd.pipelines.RunCounters;
import gov.austintexas.atd.pipelines.RunReport;
import gov.austintexas.atd.pipelines.financetos3.RecordTypes.RecordType;
import gov.austintexas.atd.transforms.io.MinimumRowShare;
import gov.austintexas.atd.transforms.io.WriteJsonArrayFile;
import gov.austintexas.atd.transforms.jdbc.QueryRows;
import gov.austintexas.atd.transforms.s3.S3AccessOptions;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.metrics.MetricNameFilter;

/**
 * {@code finance-to-s3}: one record type's SQL query against the financial database, streamed row
 * by row into {@code {recordType}.json} (one JSON array), which replaces the old file whole.
 *
 * <p>The query runs once, on one worker (a database cursor cannot be split), with rows fetched
 * {@code --fetchSize} at a time and written to the file's staging part in the same step ({@link
 * QueryRows}), so no runner holds the rows between a read and a write.
 *
 * <p>A safety rail: an extract with fewer rows than {@code --minRowShare} of the old file's does
 * not replace it (exit code 3, both counts named) unless {@code --allowShrink} is given.
 */
public class FinanceToS3 implements AtdPipeline<FinanceToS3Options> {
  public static final String NO_DATA = "no data was retrieved from the financial database";

  private final Map<String, String> environment;
  private RecordTypes
      recordTypes; // read when first needed, so --help and other pipelines don't pay for it

  public FinanceToS3(Map<String, String> environment) {
    this.environment = environment;
  }

  @Override
  public String name() {
    return "finance-to-s3";
  }

  @Override
  public String description() {
    return "one record type from the financial database to {recordType}.json in S3";
  }

  @Override
  public Class<FinanceToS3Options> optionsClass() {
    return FinanceToS3Options.class;
  }

  /**
   * One: the extract is one bundle (the cursor's step), and the DirectRunner's scheduler would
   * otherwise spin on a second core beside it, the core the database and the cursor's reader need
   * (1M rows: 14.8 against 8.2 CPU s).
   */
  @Override
  public int directRunnerThreads() {
    return 1;
  }

  public RecordTypes recordTypes() {
    if (recordTypes == null) {
      recordTypes = RecordTypes.load();
    }
    return recordTypes;
  }

  @Override
  public List<String> run(FinanceToS3Options options, RunReport report) {
    FinanceToS3Config config = FinanceToS3Config.resolve(options, environment, report);
    S3AccessOptions.applyTo(options);
    Pipeline pipeline = Pipeline.create(options);
    build(pipeline, config);
    Leftovers.cleanFile(report, config.output(), config.type().fileName(), options);
    PipelineResult result = pipeline.run();
    result.waitUntilFinish();
    report.metricsOf(result);
    return summary(result, config);
  }

  /** One step: the query's rows streamed into the file's staging part, published whole. */
  static void build(Pipeline pipeline, FinanceToS3Config config) {
    RecordType type = config.type();
    WriteJsonArrayFile write =
        WriteJsonArrayFile.to(config.output(), type.fileName()).withEmptyMessage(NO_DATA);
    if (config.minRowShare() != null) {
      write =
          write.withPublishGuard(
              MinimumRowShare.of(
                  config.minRowShare(), "rerun with --allowShrink to replace it anyway"));
    }
    pipeline.apply(
        "Read " + type.name() + " into " + type.fileName(),
        write.streaming(
            QueryRows.of(
                config.database(),
                type.sql(),
                config.fetchSize(),
                "finance-to-s3 read " + type.name())));
  }

  private static List<String> summary(PipelineResult result, FinanceToS3Config config) {
    return List.of(
        String.format(
            "%s: %d rows written to %s%s",
            config.type().name(),
            RunCounters.total(
                result, MetricNameFilter.named(WriteJsonArrayFile.class, "elements_written")),
            config.output(),
            config.type().fileName()));
  }
}
