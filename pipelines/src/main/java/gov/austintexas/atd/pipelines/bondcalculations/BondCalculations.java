package gov.austintexas.atd.pipelines.bondcalculations;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import gov.austintexas.atd.pipelines.AtdPipeline;
import gov.austintexas.atd.pipelines.BondDatabase;
import gov.austintexas.atd.pipelines.ConfigFiles;
import gov.austintexas.atd.pipelines.Leftovers;
import gov.austintexas.atd.pipelines.OutageException;
import gov.austintexas.atd.pipelines.RunCounters;
import gov.austintexas.atd.pipelines.RunReport;
import gov.austintexas.atd.pipelines.RunResults;
import gov.austintexas.atd.pipelines.Settings;
import gov.austintexas.atd.pipelines.SocrataPortal;
import gov.austintexas.atd.pipelines.SocrataResults;
import gov.austintexas.atd.pipelines.UsageException;
import gov.austintexas.atd.pipelines.WriteFailedException;
import gov.austintexas.atd.pipelines.bondcalculations.BondDatasets.Dataset;
import gov.austintexas.atd.transforms.io.WriteJsonArrayFile;
import gov.austintexas.atd.transforms.jdbc.JdbcSettings;
import gov.austintexas.atd.transforms.json.Json;
import gov.austintexas.atd.transforms.json.ObjectNodeCoder;
import gov.austintexas.atd.transforms.s3.S3AccessOptions;
import gov.austintexas.atd.transforms.socrata.SocrataConnection;
import gov.austintexas.atd.transforms.socrata.SocrataIO;
import gov.austintexas.atd.transforms.socrata.SocrataWriteResult;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.metrics.MetricNameFilter;
import org.apache.beam.sdk.metrics.MetricResult;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.metrics.MetricsFilter;
import org.apache.beam.sdk.metrics.StringSet;
import org.apache.beam.sdk.metrics.StringSetResult;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.Wait;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TypeDescriptor;

/**
 * {@code bond-calculations}: the bond tables in PostgreSQL to the seven Socrata datasets of the
 * bond dashboard (their rules are in docs/pipelines.md, "bond-calculations"), each replaced whole.
 *
 * <p>All seven are computed, and each checked to have rows, before any is published: every publish
 * step waits on every dataset's count ({@link Wait#on}), so a failed calculation publishes nothing.
 * Each is then replaced through {@link SocrataIO#replace()}, one Socrata revision per dataset:
 * readers see its previous rows until the revision is applied, and a replace that fails leaves
 * them. A dataset that could not be replaced fails the run with exit code 4, naming it. {@code
 * --outputDir} also writes each dataset as a JSON file, and {@code preview.html}, the dashboard's
 * charts drawn from the two summary datasets' rows ({@link DashboardPreview}); {@code --dryRun}
 * writes only those.
 */
public class BondCalculations implements AtdPipeline<BondCalculationsOptions> {
  private static final String NOTES = "notes";
  private final Map<String, String> environment;

  public BondCalculations(Map<String, String> environment) {
    this.environment = environment;
  }

  @Override
  public String name() {
    return "bond-calculations";
  }

  @Override
  public String description() {
    return "the bond tables to the dashboard's seven Socrata datasets: running totals, fiscal-month"
        + " summaries";
  }

  @Override
  public Class<BondCalculationsOptions> optionsClass() {
    return BondCalculationsOptions.class;
  }

  @Override
  public List<String> run(BondCalculationsOptions options, RunReport report) {
    JdbcSettings database = BondDatabase.settings(options, environment, name());
    String outputDir =
        options.getOutputDir() == null || options.getOutputDir().isBlank()
            ? null
            : Settings.withSlash(options.getOutputDir());
    // Next to the files when there are files; else in the bond chain's bucket, where the
    // MicroStrategy reports and bond-data's run reports are.
    String bucket = new Settings(environment).variable("BUCKET");
    report.durableDefaultDirectory(
        outputDir != null
            ? outputDir + "reports/"
            : bucket != null ? "s3://" + bucket + "/reports/" : null,
        options,
        "give --reportDir (s3://bucket/prefix/ or a mounted folder), --outputDir, or set BUCKET");
    if (options.getDryRun() && outputDir == null) {
      throw new UsageException(
          "--dryRun publishes nothing and only writes the --outputDir files: give --outputDir");
    }
    if (options.getFetchSize() < 1 || options.getChunkSize() < 1) {
      throw new UsageException("--fetchSize and --chunkSize must be at least 1");
    }
    SocrataConnection socrata = null;
    if (!options.getDryRun()) {
      List<String> missing = new ArrayList<>();
      socrata = SocrataPortal.connection(options, new Settings(environment), missing);
      if (!missing.isEmpty()) {
        throw new UsageException(
            "Socrata is not configured: give "
                + String.join(", ", missing)
                + "; or --dryRun with --outputDir");
      }
    }
    S3AccessOptions.applyTo(options);

    Pipeline pipeline = Pipeline.create(options);
    BondDatasets computed =
        BondDatasets.compute(
            pipeline, database, options.getFetchSize(), ConfigFiles.of(options, environment));
    List<PCollection<?>> counted = new ArrayList<>();
    computed
        .datasets()
        .forEach(
            (dataset, rows) ->
                counted.add(
                    rows.apply(
                        label(dataset, options) + ": rows",
                        new RefuseEmptyDataset(datasetId(dataset, options)))));
    SocrataConnection connection = socrata;
    SocrataResults results = new SocrataResults(RunResults.of(options));
    List<PCollection<SocrataWriteResult>> replaced = new ArrayList<>();
    Map<Dataset, PCollection<String>> written = new EnumMap<>(Dataset.class);
    computed
        .datasets()
        .forEach(
            (dataset, rows) -> {
              String label = label(dataset, options);
              PCollection<String> ready =
                  rows.apply(label + ": after every dataset is computed", Wait.on(counted));
              written.put(dataset, ready);
              if (outputDir != null) {
                Leftovers.cleanFile(report, outputDir, dataset.fileName(), options);
                ready.apply(
                    label + ": write " + dataset.fileName(),
                    WriteJsonArrayFile.to(outputDir, dataset.fileName())
                        .allowEmpty()
                        .withPublishGuard(
                            RefuseEmptyDataset.fileGuard(datasetId(dataset, options))));
              }
              if (connection != null) {
                replaced.add(
                    ready
                        .apply(
                            label + ": as Socrata rows",
                            MapElements.into(TypeDescriptor.of(ObjectNode.class))
                                .via(BondCalculations::parse))
                        .setCoder(ObjectNodeCoder.of())
                        .apply(
                            label + ": replace in Socrata",
                            SocrataIO.replace()
                                .withConnection(connection)
                                .withDatasetId(datasetId(dataset, options))
                                .withChunkSize(options.getChunkSize())));
              }
            });
    results.collect(replaced);
    if (outputDir != null) {
      written
          .get(Dataset.SUMMARY_2020_CURRENT)
          .apply(
              "Dashboard preview",
              DashboardPreview.to(
                  outputDir,
                  datasetId(Dataset.SUMMARY_2020_CURRENT, options),
                  written.get(Dataset.SUMMARY_2020_PREVIOUS),
                  datasetId(Dataset.SUMMARY_2020_PREVIOUS, options),
                  computed.notes()));
    }
    computed.notes().apply("Report notes", ParDo.of(new PublishNoteFn()));
    PipelineResult result = pipeline.run();
    result.waitUntilFinish();
    report.metricsOf(result);
    Map<String, SocrataWriteResult> outcomes = options.getDryRun() ? Map.of() : results.read();

    List<String> lines = new ArrayList<>();
    List<String> failures = new ArrayList<>();
    int failedDatasets = 0;
    for (Dataset dataset : Dataset.values()) {
      String id = datasetId(dataset, options);
      long rows =
          RunCounters.total(result, MetricNameFilter.named(RefuseEmptyDataset.COUNTERS, id));
      StringBuilder line =
          new StringBuilder(String.format("%s (%s): %d rows", id, dataset.title, rows));
      if (outputDir != null) {
        line.append(", written to ").append(outputDir).append(dataset.fileName());
      }
      if (options.getDryRun()) {
        line.append("; dry run, not published");
      } else {
        SocrataWriteResult outcome = outcomes.get(id);
        if (outcome == null) {
          throw new IllegalStateException("the run reported nothing for dataset " + id);
        }
        List<String> failed = SocrataResults.failureLines(outcome);
        line.append(
            failed.isEmpty()
                ? "; replaced in Socrata (" + outcome.created() + " rows)"
                : "; NOT replaced in Socrata, it keeps its previous rows");
        failed.forEach(failure -> failures.add(id + ": " + failure));
        failedDatasets += failed.isEmpty() ? 0 : 1;
      }
      lines.add(line.toString());
    }
    if (outputDir != null) {
      lines.add("dashboard preview: " + outputDir + DashboardPreview.FILE_NAME);
    }
    notes(result).forEach(note -> lines.add("note: " + note));
    if (!failures.isEmpty() && failedDatasets == Dataset.values().length) {
      throw new OutageException(
          "no dataset was replaced in Socrata, each was left as it was:", lines, failures);
    }
    if (!failures.isEmpty()) {
      throw new WriteFailedException(
          lines,
          failedDatasets
              + " of "
              + Dataset.values().length
              + " datasets not replaced in Socrata, each left as it was; the others were replaced:",
          failures);
    }
    return lines;
  }

  private static ObjectNode parse(String row) {
    try {
      return (ObjectNode) Json.MAPPER.readTree(row);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a computed row is not JSON: " + row, e);
    }
  }

  static String datasetId(Dataset dataset, BondCalculationsOptions options) {
    return switch (dataset) {
      case EXPENSES_2020_CURRENT -> options.getExpenses2020CurrentDataset();
      case EXPENSES_2020_PREVIOUS -> options.getExpenses2020PreviousDataset();
      case ALL_BONDS_EXPENSES -> options.getAllBondsExpensesDataset();
      case SUMMARY_2020_CURRENT -> options.getSummary2020CurrentDataset();
      case SUMMARY_2020_PREVIOUS -> options.getSummary2020PreviousDataset();
      case ALL_BONDS_METADATA -> options.getAllBondsMetadataDataset();
      case ALL_BONDS_LOOKUP -> options.getAllBondsLookupDataset();
    };
  }

  private static String label(Dataset dataset, BondCalculationsOptions options) {
    return dataset.name().toLowerCase(java.util.Locale.ROOT) + " " + datasetId(dataset, options);
  }

  /**
   * The notes are few lines; like bond-data's reports, they come back as a set-of-strings metric.
   */
  static class PublishNoteFn extends DoFn<String, Void> {
    private static final long serialVersionUID = 1L;
    private final StringSet notes = Metrics.stringSet(BondCalculations.class, NOTES);

    @ProcessElement
    public void processElement(@Element String note) {
      notes.add(note);
    }
  }

  private static TreeSet<String> notes(PipelineResult result) {
    TreeSet<String> notes = new TreeSet<>();
    for (MetricResult<StringSetResult> metric :
        result
            .metrics()
            .queryMetrics(
                MetricsFilter.builder()
                    .addNameFilter(MetricNameFilter.named(BondCalculations.class, NOTES))
                    .build())
            .getStringSets()) {
      notes.addAll(metric.getAttempted().getStringSet());
    }
    return notes;
  }
}
