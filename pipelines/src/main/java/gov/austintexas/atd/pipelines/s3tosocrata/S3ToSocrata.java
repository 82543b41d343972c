package gov.austintexas.atd.pipelines.s3tosocrata;

import com.fasterxml.jackson.databind.node.ObjectNode;
import gov.austintexas.atd.pipelines.AtdPipeline;
import gov.austintexas.atd.pipelines.OutageException;
import gov.austintexas.atd.pipelines.RunCounters;
import gov.austintexas.atd.pipelines.RunReport;
import gov.austintexas.atd.pipelines.RunResults;
import gov.austintexas.atd.pipelines.Settings;
import gov.austintexas.atd.pipelines.SocrataPortal;
import gov.austintexas.atd.pipelines.SocrataResults;
import gov.austintexas.atd.pipelines.UsageException;
import gov.austintexas.atd.pipelines.WriteFailedException;
import gov.austintexas.atd.transforms.json.ObjectNodeCoder;
import gov.austintexas.atd.transforms.json.ReadJsonArrayFile;
import gov.austintexas.atd.transforms.s3.S3AccessOptions;
import gov.austintexas.atd.transforms.socrata.SocrataClient;
import gov.austintexas.atd.transforms.socrata.SocrataConnection;
import gov.austintexas.atd.transforms.socrata.SocrataException;
import gov.austintexas.atd.transforms.socrata.SocrataIO;
import gov.austintexas.atd.transforms.socrata.SocrataWriteResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.EmptyMatchTreatment;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.metrics.MetricNameFilter;
import org.apache.beam.sdk.transforms.Values;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code s3-to-socrata}: upserts the four finance datasets to Socrata (their rules are in
 * docs/pipelines.md, "s3-to-socrata").
 *
 * <pre>
 * {file}.json → the dataset's transformation → last row of each row identifier → SocrataIO.upsert (chunks) → counts
 * </pre>
 *
 * The row identifier is read from the dataset's metadata, and found in the rows as Socrata finds it
 * (case-insensitively: {@code task_order} is the file's {@code TASK_ORDER}). A dataset without one
 * is not written (an upsert would append every row on every run); the others still are. Rows that
 * share one (task orders with several buyer FDUs) would otherwise race between parallel chunks;
 * keeping the last in file order gives what one ordered request would store. A missing source file
 * is logged and skipped. Chunks that fail after retries, or that Socrata counts errors in, are
 * reported and the run exits with 4; a rerun sends everything again, and upserts converge.
 */
public class S3ToSocrata implements AtdPipeline<S3ToSocrataOptions> {
  private static final Logger LOG = LoggerFactory.getLogger(S3ToSocrata.class);
  private final Settings settings;

  public S3ToSocrata(Map<String, String> environment) {
    this.settings = new Settings(environment);
  }

  @Override
  public String name() {
    return "s3-to-socrata";
  }

  @Override
  public String description() {
    return "the finance JSON files upserted to their four Socrata datasets, in chunks";
  }

  @Override
  public Class<S3ToSocrataOptions> optionsClass() {
    return S3ToSocrataOptions.class;
  }

  @Override
  public List<String> run(S3ToSocrataOptions options, RunReport report) {
    List<FinanceDataset> selected = FinanceDataset.select(options.getDataset());
    String input = settings.directoryOrBucket(options.getInput(), "input");
    report.defaultDirectory(input + "reports/");
    if (selected.size() == 1) {
      report.subject(selected.get(0).label);
    }
    List<String> missing = new ArrayList<>();
    Map<FinanceDataset, String> ids = new LinkedHashMap<>();
    for (FinanceDataset dataset : selected) {
      ids.put(
          dataset,
          settings.required(
              dataset.option.apply(options), dataset.variable, dataset.flag, missing));
    }
    SocrataConnection connection = SocrataPortal.connection(options, settings, missing);
    if (!missing.isEmpty()) {
      throw new UsageException("Socrata is not configured: give " + String.join(", ", missing));
    }
    if (options.getChunkSize() < 1) {
      throw new UsageException("--chunkSize must be 1 or more");
    }
    S3AccessOptions.applyTo(options);
    FileSystems.setDefaultPipelineOptions(options);

    SocrataClient client = new SocrataClient(connection);
    Pipeline pipeline = Pipeline.create(options);
    SocrataResults results = new SocrataResults(RunResults.of(options));
    List<PCollection<SocrataWriteResult>> written = new ArrayList<>();
    Map<FinanceDataset, String> notWritten = new LinkedHashMap<>();
    Map<FinanceDataset, String> failedBefore = new LinkedHashMap<>();
    for (FinanceDataset dataset : selected) {
      String file = input + dataset.sourceFile;
      String id = ids.get(dataset);
      if (!exists(file)) {
        LOG.warn("{}: no source file {}; skipped", dataset.label, file);
        notWritten.put(dataset, "skipped, no source file " + file);
        continue;
      }
      Optional<String> rowIdentifier;
      try {
        rowIdentifier = client.rowIdentifier(id);
      } catch (SocrataException failure) {
        failedBefore.put(
            dataset, "not written, its metadata could not be read: " + failure.getMessage());
        continue;
      }
      if (rowIdentifier.isEmpty()) {
        failedBefore.put(dataset, "not written: " + SocrataClient.noRowIdentifier(id));
        continue;
      }
      PCollection<KV<Long, ObjectNode>> rows =
          dataset
              .shape(
                  pipeline.apply(
                      "Read " + dataset.sourceFile,
                      ReadJsonArrayFile.from(file).withCounter(readCounter(dataset))))
              .apply(
                  dataset.label + ": last row of each " + rowIdentifier.get(),
                  KeepOnePerKey.last(rowIdentifier.get()));
      written.add(
          rows.apply(dataset.label + " rows", Values.create())
              .setCoder(ObjectNodeCoder.of())
              .apply(
                  "Upsert " + dataset.label,
                  SocrataIO.upsert()
                      .withConnection(connection)
                      .withDatasetId(id)
                      .withChunkSize(options.getChunkSize())));
    }
    results.collect(written);
    PipelineResult result = null;
    Map<String, SocrataWriteResult> outcomes = Map.of();
    if (notWritten.size() + failedBefore.size() < selected.size()) {
      result = pipeline.run();
      result.waitUntilFinish();
      report.metricsOf(result);
      outcomes = results.read();
    }
    return summarize(result, outcomes, selected, ids, notWritten, failedBefore);
  }

  /**
   * One line per dataset; when some failed, exit 4 if some rows reached Socrata (partly written),
   * else exit 1 (nothing was written: an outage or a refusal, see the failures).
   */
  private List<String> summarize(
      PipelineResult result,
      Map<String, SocrataWriteResult> outcomes,
      List<FinanceDataset> selected,
      Map<FinanceDataset, String> ids,
      Map<FinanceDataset, String> notWritten,
      Map<FinanceDataset, String> failedBefore) {
    List<String> summary = new ArrayList<>();
    List<String> failures = new ArrayList<>();
    int failedDatasets = 0;
    for (FinanceDataset dataset : selected) {
      String id = ids.get(dataset);
      String run = dataset.label + " → " + id + ": ";
      if (notWritten.containsKey(dataset)) {
        summary.add(run + notWritten.get(dataset));
        continue;
      }
      if (failedBefore.containsKey(dataset)) {
        summary.add(run + failedBefore.get(dataset));
        failures.add(run + failedBefore.get(dataset));
        failedDatasets++;
        continue;
      }
      SocrataWriteResult written = outcomes.get(id);
      if (written == null) {
        throw new IllegalStateException("the run reported nothing for dataset " + id);
      }
      summary.add(
          run
              + "read "
              + RunCounters.total(
                  result, MetricNameFilter.named(ReadJsonArrayFile.class, readCounter(dataset)))
              + ", sent "
              + written.rowsSent()
              + ", created "
              + written.created()
              + ", updated "
              + written.updated()
              + ", deleted "
              + written.deleted()
              + ", errors "
              + written.errors());
      List<String> datasetFailures = new ArrayList<>(written.failures());
      if (datasetFailures.isEmpty() && written.errors() > 0) {
        datasetFailures.add(written.errors() + " rows counted as errors by Socrata");
      }
      datasetFailures.forEach(failure -> failures.add(run + failure));
      failedDatasets += datasetFailures.isEmpty() ? 0 : 1;
    }
    if (!failures.isEmpty()) {
      if (!SocrataResults.anyWritten(outcomes)) {
        throw new OutageException(
            "nothing was written to Socrata; "
                + failedDatasets
                + " of "
                + selected.size()
                + " datasets failed:",
            summary,
            failures);
      }
      throw new WriteFailedException(
          summary,
          failedDatasets
              + " of "
              + selected.size()
              + " datasets not fully written; the others were:",
          failures);
    }
    return summary;
  }

  private static String readCounter(FinanceDataset dataset) {
    return dataset.label + "_read";
  }

  private static boolean exists(String file) {
    try {
      MatchResult match = FileSystems.match(file, EmptyMatchTreatment.ALLOW);
      return match.status() == MatchResult.Status.OK && !match.metadata().isEmpty();
    } catch (IOException e) {
      throw new UncheckedIOException("could not look for " + file, e);
    }
  }
}
