package gov.austintexas.atd.pipelines;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import gov.austintexas.atd.transforms.json.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.apache.beam.sdk.metrics.MetricQueryResults;
import org.apache.beam.sdk.metrics.MetricResult;
import org.apache.beam.sdk.metrics.MetricsFilter;
import org.apache.beam.sdk.options.PipelineOptions;

/**
 * What one run did, written as JSON once it ends: the pipeline, its options (secrets masked, see
 * {@link MaskedOptions}), start and end, every counter of the finished pipeline by step, where
 * failure details are, and the exit status. Pipelines fill in what only they know while they run;
 * the {@link Launcher} adds the outcome and writes it, so a failed run gets a report too.
 */
public final class RunReport {
  private static final DateTimeFormatter FILE_TIME =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  private final String pipeline;
  private final Instant start;
  private String subject;
  private String defaultDirectory;
  private final Map<String, Map<String, Long>> counters = new TreeMap<>();
  private final Map<String, String> details = new LinkedHashMap<>();
  private final List<String> summary = new ArrayList<>();
  private final List<String> failures = new ArrayList<>();
  private final List<String> removed = new ArrayList<>();
  private ExitCode exit;
  private String error;
  private String runId;
  private boolean launched;
  private ObjectNode settings;
  private final BuildInfo build = BuildInfo.current();

  public RunReport(String pipeline, Instant start) {
    this.pipeline = pipeline;
    this.start = start.truncatedTo(ChronoUnit.MILLIS);
  }

  /** When the run started; what killed runs left before it may be removed ({@link Leftovers}). */
  public Instant start() {
    return start;
  }

  /** Leftovers of killed runs that this run removed: staging parts, uploads, staging tables. */
  public RunReport removed(List<String> what) {
    removed.addAll(what);
    return this;
  }

  /** What the run is about, when there is one (a record type, a report), for the file name. */
  public RunReport subject(String subject) {
    this.subject = subject;
    return this;
  }

  /** Where the report goes unless {@code --reportDir} says otherwise: next to the outputs. */
  public RunReport defaultDirectory(String directory) {
    this.defaultDirectory = directory;
    return this;
  }

  /**
   * For pipelines whose destination is not a folder: the default directory when there is a durable
   * one (null when not). Without one, a launched run (whose report must outlive a container run
   * with {@code --rm}) needs {@code --reportDir}, and stops before any I/O naming {@code
   * whatToGive}.
   */
  public RunReport durableDefaultDirectory(
      String directory, RunReportOptions options, String whatToGive) {
    boolean explicit = options.getReportDir() != null && !options.getReportDir().isBlank();
    if (directory == null && !explicit && launched) {
      throw new UsageException("no durable place for the run report: " + whatToGive);
    }
    return defaultDirectory(directory);
  }

  /**
   * Marks the report as the launcher's, which writes it (a pipeline run directly only fills it in).
   */
  void launched() {
    this.launched = true;
  }

  /** Where the details of failures are (dead letters, a dry run's plan), named by what they are. */
  public RunReport detail(String what, String where) {
    details.put(what, where);
    return this;
  }

  /**
   * Keeps every counter of the finished pipeline (attempted values, summed per step and name).
   * Called right after {@code waitUntilFinish}, so the counts survive a failure found afterwards.
   */
  public RunReport metricsOf(PipelineResult result) {
    MetricQueryResults metrics = result.metrics().queryMetrics(MetricsFilter.builder().build());
    for (MetricResult<Long> counter : metrics.getCounters()) {
      counters
          .computeIfAbsent(counter.getKey().stepName(), step -> new TreeMap<>())
          .merge(counter.getName().getName(), counter.getAttempted(), Long::sum);
    }
    return this;
  }

  /** The id that every log line of the run carries too (see {@link LogSetup}). */
  void runId(String id) {
    this.runId = id;
  }

  /** Where each setting came from (see {@link SettingSources}). */
  void settings(ObjectNode sources) {
    this.settings = sources;
  }

  void succeeded(List<String> lines) {
    summary.addAll(lines);
    exit = ExitCode.SUCCESS;
  }

  void failed(ExitCode code, String oneLineError, List<String> failureLines) {
    exit = code;
    error = oneLineError;
    failures.addAll(failureLines);
  }

  private static void redactText(JsonNode node, UnaryOperator<String> redact) {
    if (node instanceof ObjectNode object) {
      List<String> names = new ArrayList<>();
      object.fieldNames().forEachRemaining(names::add);
      for (String name : names) {
        JsonNode value = object.get(name);
        if (value.isTextual()) {
          object.put(name, redact.apply(value.textValue()));
        } else {
          redactText(value, redact);
        }
      }
    } else if (node instanceof ArrayNode array) {
      for (int i = 0; i < array.size(); i++) {
        if (array.get(i).isTextual()) {
          array.set(i, TextNode.valueOf(redact.apply(array.get(i).textValue())));
        } else {
          redactText(array.get(i), redact);
        }
      }
    }
  }

  /**
   * The directory the report goes to, or null when neither the option nor the pipeline named one.
   */
  String directory(RunReportOptions options) {
    String chosen =
        options != null && options.getReportDir() != null && !options.getReportDir().isBlank()
            ? options.getReportDir()
            : defaultDirectory;
    return chosen == null ? null : Settings.withSlash(chosen);
  }

  String fileName() {
    String about = subject == null ? "" : "-" + subject.replaceAll("[^A-Za-z0-9_.-]+", "-");
    return pipeline + about + "-" + FILE_TIME.format(start) + ".json";
  }

  ObjectNode toJson(PipelineOptions options, Instant end) {
    ObjectNode report = Json.MAPPER.createObjectNode();
    report.put("pipeline", pipeline);
    if (subject != null) {
      report.put("subject", subject);
    }
    if (runId != null) {
      report.put("runId", runId);
    }
    ObjectNode version = report.putObject("build");
    version.put("version", build.version());
    version.put("commit", build.commit());
    version.put("dirty", build.dirty());
    report.put("start", start.toString());
    report.put("end", end.truncatedTo(ChronoUnit.MILLIS).toString());
    report.put("seconds", (end.toEpochMilli() - start.toEpochMilli()) / 1000.0);
    ObjectNode status = report.putObject("exit");
    status.put("code", exit.code);
    status.put("meaning", exit.meaning);
    if (error != null) {
      report.put("error", error);
    }
    summary.forEach(report.putArray("summary")::add);
    ObjectNode counts = report.putObject("counters");
    counters.forEach(
        (step, names) -> {
          ObjectNode byName = counts.putObject(step);
          names.forEach(byName::put);
        });
    ObjectNode where = report.putObject("details");
    details.forEach(where::put);
    ArrayNode failed = report.putArray("failures");
    failures.forEach(failed::add);
    removed.forEach(report.putArray("removed")::add);
    report.set(
        "options", options == null ? Json.MAPPER.createObjectNode() : MaskedOptions.of(options));
    report.set("settings", settings == null ? Json.MAPPER.createObjectNode() : settings);
    return report;
  }

  /**
   * Writes the report under {@code directory} (local or s3://) and returns its path; every text
   * value goes through {@code redact} first (the summary and errors are already redacted, the
   * options masked; this catches the rest, e.g. a secret inside a detail's path).
   */
  String write(String directory, PipelineOptions options, Instant end, UnaryOperator<String> redact)
      throws IOException {
    String path = directory + fileName();
    ObjectNode report = toJson(options, end);
    redactText(report, redact);
    String json = Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(report) + "\n";
    ResourceId file = FileSystems.matchNewResource(path, false);
    try (OutputStream out =
        Channels.newOutputStream(FileSystems.create(file, "application/json"))) {
      out.write(json.getBytes(StandardCharsets.UTF_8));
    }
    return path;
  }
}
