package gov.austintexas.atd.pipelines.microstrategytos3;

import gov.austintexas.atd.pipelines.ConfigFiles;
import gov.austintexas.atd.pipelines.RunReport;
import gov.austintexas.atd.pipelines.Settings;
import gov.austintexas.atd.pipelines.UsageException;
import gov.austintexas.atd.transforms.microstrategy.MicroStrategyConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What one {@code microstrategy-to-s3} run does, resolved from its options and variables with every
 * check made before any I/O.
 *
 * @param output the folder {@code {report name}.csv} goes to, ending in {@code /}
 */
record MicrostrategyToS3Config(
    String reportName,
    String reportId,
    String output,
    MicroStrategyConfig server,
    int pageSize,
    int parallelPages) {

  /** Resolves and checks the options, telling {@code report} the subject and default directory. */
  static MicrostrategyToS3Config resolve(
      MicrostrategyToS3Options options, Map<String, String> environment, RunReport report) {
    String reportName = options.getReportName();
    String reportId = Reports.load(ConfigFiles.of(options, environment)).idOf(reportName);
    report.subject(reportName);
    Settings settings = new Settings(environment);
    String output = settings.directoryOrBucket(options.getOutput(), "output");
    report.defaultDirectory(output + "reports/");
    MicroStrategyConfig server = serverSettings(options, settings);
    requireAtLeastOne("--pageSize", options.getPageSize());
    requireAtLeastOne("--parallelPages", options.getParallelPages());
    return new MicrostrategyToS3Config(
        reportName, reportId, output, server, options.getPageSize(), options.getParallelPages());
  }

  String fileName() {
    return reportName + ".csv";
  }

  private static MicroStrategyConfig serverSettings(
      MicrostrategyToS3Options options, Settings fallbacks) {
    List<String> missing = new ArrayList<>();
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
