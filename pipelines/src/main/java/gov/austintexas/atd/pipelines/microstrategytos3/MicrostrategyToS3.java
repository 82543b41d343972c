package gov.austintexas.atd.pipelines.microstrategytos3;

import gov.austintexas.atd.pipelines.AtdPipeline;
import gov.austintexas.atd.pipelines.Leftovers;
import gov.austintexas.atd.pipelines.RunCounters;
import gov.austintexas.atd.pipelines.RunReport;
import gov.austintexas.atd.transforms.io.WriteOrderedTextFile;
import gov.austintexas.atd.transforms.microstrategy.ReadReport;
import gov.austintexas.atd.transforms.microstrategy.ReportPagesToCsv;
import gov.austintexas.atd.transforms.s3.S3AccessOptions;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.metrics.MetricNameFilter;

/**
 * {@code microstrategy-to-s3}: runs one MicroStrategy report and writes all its rows as {@code
 * {report name}.csv}, which replaces the old file whole.
 *
 * <p>The report is read page by page (see {@code ReadReport}); each page becomes a chunk of the
 * CSV, staged next to the target, and the chunks are joined in report order once all are written. A
 * report with no rows fails the run and leaves the old file as it was.
 */
public class MicrostrategyToS3 implements AtdPipeline<MicrostrategyToS3Options> {
  public static final String NO_ROWS = "the report returned no rows";

  private final Map<String, String> environment;

  public MicrostrategyToS3(Map<String, String> environment) {
    this.environment = environment;
  }

  @Override
  public String name() {
    return "microstrategy-to-s3";
  }

  @Override
  public String description() {
    return "one MicroStrategy report to {report name}.csv in S3";
  }

  @Override
  public Class<MicrostrategyToS3Options> optionsClass() {
    return MicrostrategyToS3Options.class;
  }

  @Override
  public List<String> run(MicrostrategyToS3Options options, RunReport report) {
    MicrostrategyToS3Config config = MicrostrategyToS3Config.resolve(options, environment, report);
    S3AccessOptions.applyTo(options);
    Pipeline pipeline = Pipeline.create(options);
    build(pipeline, config);
    Leftovers.cleanFile(report, config.output(), config.fileName(), options);
    PipelineResult result = pipeline.run();
    result.waitUntilFinish();
    report.metricsOf(result);
    return List.of(
        String.format(
            "%s: %d rows written to %s%s",
            config.reportName(),
            RunCounters.total(
                result, MetricNameFilter.named(WriteOrderedTextFile.class, "records_written")),
            config.output(),
            config.fileName()));
  }

  /** The report's pages, read in order, as one CSV file replaced whole. */
  static void build(Pipeline pipeline, MicrostrategyToS3Config config) {
    pipeline
        .apply(
            "Read " + config.reportName(),
            ReadReport.of(config.server(), config.reportId())
                .withPageSize(config.pageSize())
                .withParallelPages(config.parallelPages()))
        .apply("Pages to CSV", new ReportPagesToCsv())
        .apply(
            "Write " + config.fileName(),
            WriteOrderedTextFile.to(config.output(), config.fileName())
                .withMimeType("text/csv")
                .withEmptyMessage(NO_ROWS));
  }
}
