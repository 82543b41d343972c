package gov.austintexas.atd.pipelines.microstrategytos3;

import gov.austintexas.atd.pipelines.AtdPipeline;
import gov.austintexas.atd.pipelines.ConfigFiles;
import gov.austintexas.atd.pipelines.Leftovers;
import gov.austintexas.atd.pipelines.RunCounters;
import gov.austintexas.atd.pipelines.RunReport;
import gov.austintexas.atd.pipelines.Settings;
import gov.austintexas.atd.pipelines.UsageException;
import gov.austintexas.atd.transforms.io.WriteOrderedTextFile;
import gov.austintexas.atd.transforms.microstrategy.MicroStrategyConfig;
import gov.austintexas.atd.transforms.microstrategy.ReadReport;
import gov.austintexas.atd.transforms.microstrategy.ReportPagesToCsv;
import gov.austintexas.atd.transforms.s3.S3AccessOptions;
import java.time.Duration;
import java.util.ArrayList;
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
    String reportName = options.getReportName();
    String reportId = Reports.load(ConfigFiles.of(options, environment)).idOf(reportName);
    report.subject(reportName);
    String output = new Settings(environment).directoryOrBucket(options.getOutput(), "output");
    report.defaultDirectory(output + "reports/");
    MicroStrategyConfig server = serverSettings(options);
    requireAtLeastOne("--pageSize", options.getPageSize());
    requireAtLeastOne("--parallelPages", options.getParallelPages());
    S3AccessOptions.applyTo(options);

    String fileName = reportName + ".csv";
    Pipeline pipeline = Pipeline.create(options);
    pipeline
        .apply(
            "Read " + reportName,
            ReadReport.of(server, reportId)
                .withPageSize(options.getPageSize())
                .withParallelPages(options.getParallelPages()))
        .apply("Pages to CSV", new ReportPagesToCsv())
        .apply(
            "Write " + fileName,
            WriteOrderedTextFile.to(output, fileName)
                .withMimeType("text/csv")
                .withEmptyMessage(NO_ROWS));
    Leftovers.cleanFile(report, output, fileName, options);
    PipelineResult result = pipeline.run();
    result.waitUntilFinish();
    report.metricsOf(result);

    return List.of(
        String.format(
            "%s: %d rows written to %s%s",
            reportName,
            RunCounters.total(
                result, MetricNameFilter.named(WriteOrderedTextFile.class, "records_written")),
            output,
            fileName));
  }

  private MicroStrategyConfig serverSettings(MicrostrategyToS3Options options) {
    List<String> missing = new ArrayList<>();
    Settings fallbacks = new Settings(environment);
    String baseUrl =
        fallbacks.required(options.getMstrBaseUrl(), "BASE_URL", "--mstrBaseUrl", missing);
    String username =
        fallbacks.required(options.getMstrUser(), "MSTRO_USERNAME", "--mstrUser", missing);
    String password =
        fallbacks.required(options.getMstrPassword(), "MSTRO_PASSWORD", "--mstrPassword", missing);
    String projectId =
        fallbacks.requiredHeaderValue(
            options.getMstrProjectId(), "PROJECT_ID", "--mstrProjectId", missing);
    if (!missing.isEmpty()) {
      throw new UsageException(
          "MicroStrategy is not configured: set " + String.join(", ", missing));
    }
    Settings.httpUrl(baseUrl, options.getMstrBaseUrl() != null ? "--mstrBaseUrl" : "BASE_URL");
    requireAtLeastOne("--mstrTimeoutSeconds", options.getMstrTimeoutSeconds());
    if (options.getMstrMaxRetries() < 0) {
      throw new UsageException("--mstrMaxRetries must be 0 or more");
    }
    return new MicroStrategyConfig(
        baseUrl,
        username,
        password,
        projectId,
        Duration.ofSeconds(options.getMstrTimeoutSeconds()),
        options.getMstrMaxRetries(),
        Duration.ofMillis(500));
  }

  private static void requireAtLeastOne(String option, int value) {
    if (value < 1) {
      throw new UsageException(option + " must be at least 1, not " + value);
    }
  }
}
