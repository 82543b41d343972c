package gov.austintexas.atd.pipelines.bond;

import gov.austintexas.atd.pipelines.AtdPipeline;
import gov.austintexas.atd.pipelines.Resources;
import gov.austintexas.atd.pipelines.RunReport;
import gov.austintexas.atd.pipelines.Settings;
import gov.austintexas.atd.pipelines.UsageException;
import gov.austintexas.atd.transforms.BadDataException;
import gov.austintexas.atd.transforms.jdbc.JdbcSettings;
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
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.metrics.MetricNameFilter;
import org.apache.beam.sdk.metrics.MetricResult;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.metrics.MetricsFilter;
import org.apache.beam.sdk.metrics.StringSet;
import org.apache.beam.sdk.metrics.StringSetResult;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;

/**
 * {@code bond-data}: every configured CSV source (or the one named by {@code --source}) into its
 * PostgreSQL table, each table replaced whole in one transaction with {@code updated_at} set to
 * the run's start time (UTC).
 *
 * <p>Sources are independent branches of one pipeline: a source with an invalid row, or whose
 * write the database refuses, leaves its table exactly as it was while the others load. The run
 * then prints each such source's first 50 invalid rows with their total and fails with exit
 * code 3.
 */
public class BondData implements AtdPipeline<BondDataOptions> {
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
    String reportsDir = reportsDir(options);
    // The destination is a database: the report goes next to the MicroStrategy reports it reads.
    runReport.durableDefaultDirectory(reportsDir == null ? null : Settings.withSlash(reportsDir) + "reports/", options,
        "give --reportDir (s3://bucket/prefix/ or a mounted folder), --reportsDir, or set BUCKET").subject(options.getSource());
    BondSources config = sources(options);
    List<BondSources.Source> selected = config.select(options.getSource());
    BondDdl ddl = BondDdl.load();
    JdbcSettings database = BondDatabase.settings(options, environment, name());
    if (options.getHttpTimeoutSeconds() < 1) {
      throw new UsageException("--httpTimeoutSeconds must be at least 1");
    }
    List<LoadSource> loads = new ArrayList<>();
    for (BondSources.Source source : selected) {
      loads.add(new LoadSource(source.table(), BondSources.resolve(source.location(), reportsDir),
          ddl.createStatement(source.name()), database, runStart, Duration.ofSeconds(options.getHttpTimeoutSeconds())));
    }
    S3AccessOptions.applyTo(options);

    Pipeline pipeline = Pipeline.create(options);
    for (int i = 0; i < selected.size(); i++) {
      PCollection<String> report = pipeline.apply(selected.get(i).name(), loads.get(i));
      report.apply(selected.get(i).name() + " report", ParDo.of(new PublishReportFn()));
    }
    PipelineResult result = pipeline.run();
    result.waitUntilFinish();
    runReport.metricsOf(result);

    List<SourceReport> reports = reports(result);
    List<String> lines = new ArrayList<>();
    List<String> notLoaded = new ArrayList<>();
    for (BondSources.Source source : selected) {
      SourceReport report = reports.stream().filter(r -> r.table().equals(source.name())).findFirst()
          .orElseThrow(() -> new IllegalStateException("the run reported nothing for " + source.name()));
      lines.addAll(report.lines());
      if (!report.loaded()) {
        notLoaded.add(source.name());
      }
    }
    if (!notLoaded.isEmpty()) {
      throw new BadDataException(notLoaded.size() + " of " + selected.size() + " sources not loaded, their tables"
          + " left as they were: " + String.join(", ", notLoaded), lines);
    }
    lines.add("bond-data: " + selected.size() + (selected.size() == 1 ? " table" : " tables") + " replaced, updated_at "
        + runStart + " UTC");
    return lines;
  }

  /**
   * Beam has no way to hand elements back to the launcher; the reports are few and small, so they
   * come back as a metric (a set of strings), which every runner returns with the result.
   */
  static class PublishReportFn extends DoFn<String, Void> {
    private static final long serialVersionUID = 1L;
    private final StringSet reports = Metrics.stringSet(BondData.class, "source_reports");

    @ProcessElement
    public void processElement(@Element String report) {
      reports.add(report);
    }
  }

  private static List<SourceReport> reports(PipelineResult result) {
    List<SourceReport> reports = new ArrayList<>();
    for (MetricResult<StringSetResult> metric :
        result.metrics()
            .queryMetrics(MetricsFilter.builder()
                .addNameFilter(MetricNameFilter.named(BondData.class, "source_reports")).build())
            .getStringSets()) {
      metric.getAttempted().getStringSet().forEach(json -> reports.add(SourceReport.fromJson(json)));
    }
    reports.sort(Comparator.comparing(SourceReport::table));
    return reports;
  }

  private static BondSources sources(BondDataOptions options) {
    String file = options.getSourcesFile();
    if (file == null || file.isBlank()) {
      return BondSources.parse(Resources.text(BondSources.PACKED), "src/bond/sources.json");
    }
    try {
      return BondSources.parse(Files.readString(Path.of(file), StandardCharsets.UTF_8), file);
    } catch (IOException e) {
      throw new UsageException("cannot read --sourcesFile " + file + ": " + e.getMessage());
    }
  }

  private String reportsDir(BondDataOptions options) {
    if (options.getReportsDir() != null && !options.getReportsDir().isBlank()) {
      return options.getReportsDir();
    }
    String bucket = environment.get("BUCKET");
    return bucket == null || bucket.isBlank() ? null : "s3://" + bucket + "/";
  }
}
