package gov.austintexas.atd.pipelines.s3tosocrata;

import gov.austintexas.atd.pipelines.OutageException;
import gov.austintexas.atd.pipelines.RunCounters;
import gov.austintexas.atd.pipelines.SocrataResults;
import gov.austintexas.atd.pipelines.WriteFailedException;
import gov.austintexas.atd.transforms.json.ReadJsonArrayFile;
import gov.austintexas.atd.transforms.socrata.SocrataWriteResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.metrics.MetricNameFilter;

/**
 * A finished run's summary, one line per dataset, from the datasets' checks, their write results
 * (data) and the rows read (a counter). When some dataset failed: exit 4 if some rows reached
 * Socrata (partly written), else exit 1 (nothing was written: an outage or a refusal, see the
 * failures).
 */
final class S3ToSocrataSummary {
  private S3ToSocrataSummary() {}

  /**
   * @param result the finished run, or null when no dataset could be written (none ran)
   */
  static List<String> of(
      PipelineResult result, List<DatasetCheck> checks, Map<String, SocrataWriteResult> outcomes) {
    List<String> summary = new ArrayList<>();
    List<String> failures = new ArrayList<>();
    int failedDatasets = 0;
    for (DatasetCheck checked : checks) {
      String label = checked.target().label();
      if (!checked.writable()) {
        summary.add(label + checked.notWritten());
        if (checked.failed()) {
          failures.add(label + checked.notWritten());
          failedDatasets++;
        }
        continue;
      }
      SocrataWriteResult written = outcomes.get(checked.target().id());
      if (written == null) {
        throw new IllegalStateException(
            "the run reported nothing for dataset " + checked.target().id());
      }
      summary.add(label + "read " + rowsRead(result, checked) + ", " + written.counts());
      List<String> datasetFailures = SocrataResults.failureLines(written);
      datasetFailures.forEach(failure -> failures.add(label + failure));
      failedDatasets += datasetFailures.isEmpty() ? 0 : 1;
    }
    if (failures.isEmpty()) {
      return summary;
    }
    String ofAll = failedDatasets + " of " + checks.size() + " datasets";
    if (!SocrataResults.anyWritten(outcomes)) {
      throw new OutageException(
          "nothing was written to Socrata; " + ofAll + " failed:", summary, failures);
    }
    throw new WriteFailedException(
        summary, ofAll + " not fully written; the others were:", failures);
  }

  private static long rowsRead(PipelineResult result, DatasetCheck checked) {
    return RunCounters.total(
        result,
        MetricNameFilter.named(
            ReadJsonArrayFile.class, UpsertDataset.readCounter(checked.target().dataset())));
  }
}
