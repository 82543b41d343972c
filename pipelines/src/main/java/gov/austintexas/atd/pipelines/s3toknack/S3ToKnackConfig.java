package gov.austintexas.atd.pipelines.s3toknack;

import gov.austintexas.atd.pipelines.ConfigFiles;
import gov.austintexas.atd.pipelines.RunReport;
import gov.austintexas.atd.pipelines.Settings;
import gov.austintexas.atd.pipelines.UsageException;
import gov.austintexas.atd.transforms.knack.KnackApp;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * What one {@code s3-to-knack} run does, resolved from its options and variables with every check
 * made before any I/O: the mapping, where each file goes, the Knack app (none when planning against
 * a snapshot) and the safety rails that are on.
 *
 * @param knackRecordsFile a snapshot of the object to plan against instead of reading Knack, or
 *     null
 * @param app the Knack app, or null with a snapshot
 * @param updateLimit the mass-update rail, or null with {@code --allowMassUpdate}
 * @param createLimit the mass-create rail, or null with {@code --allowMassCreate}
 * @param now the time of the run as Knack writes it (the {@code knack_now} handler)
 */
record S3ToKnackConfig(
    KnackMapping mapping,
    String file,
    String reportDir,
    String deadLetterDir,
    String knackRecordsFile,
    KnackApp app,
    boolean dryRun,
    ShareLimit updateLimit,
    ShareLimit createLimit,
    String now,
    int joinBuckets,
    int keysPerLookup,
    int knackTotalTolerance) {
  private static final ZoneId KNACK_ZONE = ZoneId.of("America/Chicago");
  private static final DateTimeFormatter KNACK_DATE_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");

  /**
   * Resolves and checks the options, telling {@code report} the run's subject and default directory
   * as soon as they are known (a later usage error's report is named after them).
   */
  static S3ToKnackConfig resolve(S3ToKnackOptions options, Settings settings, RunReport report) {
    KnackMapping mapping =
        FieldMaps.load(ConfigFiles.of(options, settings.environment()))
            .mapping(options.getRecordType(), options.getApp());
    String input = settings.directoryOrBucket(options.getInput(), "input");
    String prefix = mapping.recordType() + "-" + mapping.app();
    report.subject(prefix);
    String reportDir =
        Settings.withSlash(
            options.getReportDir() != null ? options.getReportDir() : input + "plans/");
    report.defaultDirectory(reportDir);
    boolean fromSnapshot = options.getKnackRecordsFile() != null;
    if (options.getJoinBuckets() < 1) {
      throw new UsageException("--joinBuckets must be at least 1, not " + options.getJoinBuckets());
    }
    if (fromSnapshot && !options.getDryRun()) {
      throw new UsageException(
          "--knackRecordsFile plans against a snapshot, so it only goes with --dryRun");
    }
    KnackApp app = fromSnapshot ? null : knackApp(options, settings);
    ShareLimit updateLimit =
        ShareLimit.updates(share("--maxUpdateShare", options.getMaxUpdateShare()));
    ShareLimit createLimit =
        ShareLimit.creates(share("--maxCreateShare", options.getMaxCreateShare()));
    String deadLetterDir =
        Settings.withSlash(
            options.getDeadLetterDir() != null
                ? options.getDeadLetterDir()
                : input + "dead-letters/");
    return new S3ToKnackConfig(
        mapping,
        input + mapping.recordType() + ".json",
        reportDir,
        deadLetterDir,
        options.getKnackRecordsFile(),
        app,
        options.getDryRun(),
        options.getAllowMassUpdate() ? null : updateLimit,
        options.getAllowMassCreate() ? null : createLimit,
        LocalDateTime.now(KNACK_ZONE).format(KNACK_DATE_TIME),
        options.getJoinBuckets(),
        options.getKeysPerLookup(),
        options.getKnackTotalTolerance());
  }

  /** The files' common prefix: {@code {recordType}-{app}}. */
  public String prefix() {
    return mapping.recordType() + "-" + mapping.app();
  }

  /** "units → finance-purchasing (object_7)" */
  public String label() {
    return mapping.recordType() + " → " + mapping.app() + " (" + mapping.object() + ")";
  }

  /** A file the run writes: its name in the run report, its directory, and its name there. */
  record Output(String label, String dir, String fileName) {
    String path() {
      return dir + fileName;
    }
  }

  /**
   * The files the run's graph writes, through a staging area whose leftovers an earlier run may
   * have left: the plan's creates and updates on a dry run, else the dead letters.
   */
  List<Output> outputs() {
    return dryRun
        ? List.of(
            new Output("plan creates", reportDir, createsFile()),
            new Output("plan updates", reportDir, updatesFile()))
        : List.of(new Output("dead letters", deadLetterDir, deadLetterFile()));
  }

  /** Every file the run writes, for the run report: a dry run's plan counts, then the outputs. */
  List<Output> reportedFiles() {
    List<Output> files = new ArrayList<>();
    if (dryRun) {
      files.add(new Output("plan", reportDir, prefix() + "-plan.json"));
    }
    files.addAll(outputs());
    return files;
  }

  public String planFile() {
    return reportDir + prefix() + "-plan.json";
  }

  public String createsFile() {
    return prefix() + "-creates.json";
  }

  public String updatesFile() {
    return prefix() + "-updates.json";
  }

  public String deadLetterFile() {
    return prefix() + "-dead-letters.json";
  }

  /** The safety rails that are on. */
  public List<ShareLimit> rails() {
    List<ShareLimit> rails = new ArrayList<>();
    if (updateLimit != null) {
      rails.add(updateLimit);
    }
    if (createLimit != null) {
      rails.add(createLimit);
    }
    return rails;
  }

  /** Where the summary sends a reader for the details. */
  public String detailsAt() {
    return dryRun
        ? "plan: "
            + planFile()
            + " (counts), "
            + reportDir
            + createsFile()
            + ", "
            + reportDir
            + updatesFile()
        : "dead letters: " + deadLetterDir + deadLetterFile();
  }

  private static double share(String option, double value) {
    if (!(value >= 0 && value <= 1)) {
      throw new UsageException(option + " must be between 0 and 1 (0.5 is 50%), not " + value);
    }
    return value;
  }

  private static KnackApp knackApp(S3ToKnackOptions options, Settings settings) {
    String appId = settings.headerValue(options.getKnackAppId(), "KNACK_APP_ID", "--knackAppId");
    String apiKey =
        settings.headerValue(options.getKnackApiKey(), "KNACK_API_KEY", "--knackApiKey");
    if (appId == null || apiKey == null) {
      throw new UsageException(
          "the Knack app is not configured: give --knackAppId and --knackApiKey, or set"
              + " KNACK_APP_ID and KNACK_API_KEY");
    }
    if (options.getRequestsPerSecond() <= 0) {
      throw new UsageException("--requestsPerSecond must be more than 0");
    }
    if (options.getKeysPerLookup() < 1 || options.getKeysPerLookup() > 100) {
      throw new UsageException(
          "--keysPerLookup must be 1 to 100, not " + options.getKeysPerLookup());
    }
    if (options.getKnackTotalTolerance() < 0) {
      throw new UsageException(
          "--knackTotalTolerance must be 0 or more, not " + options.getKnackTotalTolerance());
    }
    return new KnackApp(
        options.getApp(),
        appId,
        apiKey,
        Settings.httpUrl(options.getKnackApiUrl(), "--knackApiUrl"),
        options.getRequestsPerSecond(),
        Settings.seconds("--knackTimeoutSeconds", options.getKnackTimeoutSeconds()),
        options.getKnackMaxRetries(),
        Duration.ofMillis(options.getKnackRetryBackoffMillis()));
  }
}
