package gov.austintexas.atd.pipelines.s3tosocrata;

import gov.austintexas.atd.pipelines.AtdPipeline;
import gov.austintexas.atd.pipelines.RunReport;
import gov.austintexas.atd.pipelines.RunResults;
import gov.austintexas.atd.pipelines.Settings;
import gov.austintexas.atd.pipelines.SocrataResults;
import gov.austintexas.atd.transforms.s3.S3AccessOptions;
import gov.austintexas.atd.transforms.socrata.SocrataClient;
import gov.austintexas.atd.transforms.socrata.SocrataWriteResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.values.PCollection;

/**
 * {@code s3-to-socrata}: upserts the four finance datasets to Socrata (their rules are in
 * docs/pipelines.md, "s3-to-socrata").
 *
 * <pre>
 * {file}.json → the dataset's transformation → last row of each row identifier → SocrataIO.upsert (chunks) → counts
 * </pre>
 *
 * The run resolves its config ({@link S3ToSocrataConfig}, no I/O), then checks each dataset ({@link
 * DatasetCheck}: its source file, and its row identifier, which the graph needs), builds one {@link
 * UpsertDataset} per dataset that can be written, and sums up ({@link S3ToSocrataSummary}). A
 * missing source file is a skip; a dataset without a row identifier is not written (an upsert would
 * append every row on every run), and the others still are. Chunks that fail after retries, or that
 * Socrata counts errors in, are reported and the run exits with 4; a rerun sends everything again,
 * and upserts converge.
 */
public class S3ToSocrata implements AtdPipeline<S3ToSocrataOptions> {
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
    S3ToSocrataConfig config = S3ToSocrataConfig.resolve(options, settings, report);
    S3AccessOptions.applyTo(options);
    FileSystems.setDefaultPipelineOptions(options);
    SocrataClient client = new SocrataClient(config.connection());
    List<DatasetCheck> checks =
        config.targets().stream().map(target -> DatasetCheck.of(target, client)).toList();
    if (checks.stream().noneMatch(DatasetCheck::writable)) {
      return S3ToSocrataSummary.of(null, checks, Map.of());
    }
    Pipeline pipeline = Pipeline.create(options);
    SocrataResults results = new SocrataResults(RunResults.of(options));
    results.collect(build(pipeline, config, checks));
    PipelineResult result = pipeline.run();
    result.waitUntilFinish();
    report.metricsOf(result);
    return S3ToSocrataSummary.of(result, checks, results.read());
  }

  /** The run's graph, one upsert per dataset that can be written; returns their results. */
  static List<PCollection<SocrataWriteResult>> build(
      Pipeline pipeline, S3ToSocrataConfig config, List<DatasetCheck> checks) {
    List<PCollection<SocrataWriteResult>> written = new ArrayList<>();
    for (DatasetCheck checked : checks) {
      if (checked.writable()) {
        written.add(
            pipeline.apply(
                "Upsert " + checked.target().dataset().label,
                new UpsertDataset(checked, config.connection(), config.chunkSize())));
      }
    }
    return written;
  }
}
