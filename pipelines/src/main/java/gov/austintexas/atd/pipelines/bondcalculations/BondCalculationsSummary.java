package gov.austintexas.atd.pipelines.bondcalculations;

import gov.austintexas.atd.pipelines.OutageException;
import gov.austintexas.atd.pipelines.RunCounters;
import gov.austintexas.atd.pipelines.SocrataResults;
import gov.austintexas.atd.pipelines.WriteFailedException;
import gov.austintexas.atd.pipelines.bondcalculations.BondDatasets.Dataset;
import gov.austintexas.atd.transforms.socrata.SocrataWriteResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.metrics.MetricNameFilter;

/**
 * A finished run's summary: a line per dataset (its rows, its file, whether Socrata took it), the
 * preview and the notes. A dataset Socrata did not take ends the run with exit code 4 (others were
 * replaced) or 1 (none was).
 */
final class BondCalculationsSummary {
  private BondCalculationsSummary() {}

  static List<String> of(PipelineResult result, BondCalculationsConfig config) {
    Map<String, SocrataWriteResult> outcomes =
        config.dryRun() ? Map.of() : new SocrataResults(config.socrataResults()).read();
    String outputDir = config.outputDir();
    List<String> lines = new ArrayList<>();
    List<String> failures = new ArrayList<>();
    int failedDatasets = 0;
    for (Dataset dataset : Dataset.values()) {
      String id = config.id(dataset);
      long rows =
          RunCounters.total(result, MetricNameFilter.named(RefuseEmptyDatasets.COUNTERS, id));
      StringBuilder line =
          new StringBuilder(String.format("%s (%s): %d rows", id, dataset.title, rows));
      if (outputDir != null) {
        line.append(", written to ").append(outputDir).append(dataset.fileName());
      }
      if (config.dryRun()) {
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
    new TreeSet<>(config.notes().read(BondCalculations.NOTES))
        .forEach(note -> lines.add("note: " + note));
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
}
