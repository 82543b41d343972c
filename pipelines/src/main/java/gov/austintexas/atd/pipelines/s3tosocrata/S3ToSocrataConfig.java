package gov.austintexas.atd.pipelines.s3tosocrata;

import gov.austintexas.atd.pipelines.RunReport;
import gov.austintexas.atd.pipelines.Settings;
import gov.austintexas.atd.pipelines.SocrataPortal;
import gov.austintexas.atd.pipelines.UsageException;
import gov.austintexas.atd.transforms.socrata.SocrataConnection;
import java.util.ArrayList;
import java.util.List;

/**
 * What one {@code s3-to-socrata} run does, resolved from its options and variables with every check
 * made before any I/O: the selected datasets, each with its id and source file, the portal and the
 * chunk size.
 */
record S3ToSocrataConfig(List<Target> targets, SocrataConnection connection, int chunkSize) {

  /** One dataset to upsert: its rows' rules, its Socrata id, and the file its rows come from. */
  record Target(FinanceDataset dataset, String id, String file) {
    /** {@code task_orders → task-0001: }, how each of its summary lines starts. */
    String label() {
      return dataset.label + " → " + id + ": ";
    }
  }

  /** Resolves and checks the options, telling {@code report} the subject and default directory. */
  static S3ToSocrataConfig resolve(
      S3ToSocrataOptions options, Settings settings, RunReport report) {
    List<FinanceDataset> selected = FinanceDataset.select(options.getDataset());
    String input = settings.directoryOrBucket(options.getInput(), "input");
    report.defaultDirectory(input + "reports/");
    if (selected.size() == 1) {
      report.subject(selected.get(0).label);
    }
    List<String> missing = new ArrayList<>();
    List<Target> targets = new ArrayList<>();
    for (FinanceDataset dataset : selected) {
      String id =
          settings.required(dataset.option.apply(options), dataset.variable, dataset.flag, missing);
      targets.add(new Target(dataset, id, input + dataset.sourceFile));
    }
    SocrataConnection connection = SocrataPortal.connection(options, settings, missing);
    if (!missing.isEmpty()) {
      throw new UsageException("Socrata is not configured: give " + String.join(", ", missing));
    }
    if (options.getChunkSize() < 1) {
      throw new UsageException("--chunkSize must be 1 or more");
    }
    return new S3ToSocrataConfig(List.copyOf(targets), connection, options.getChunkSize());
  }
}
