package gov.austintexas.atd.pipelines;

import gov.austintexas.atd.transforms.io.StagingLeftovers;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.beam.sdk.options.PipelineOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes, before a run writes, what killed runs of the same pipeline and target left behind
 * (staging parts, incomplete uploads, staging tables, each older than this run's start), and lists
 * it in the run report. A cleanup that fails is a warning: it never decides the outcome.
 */
public final class Leftovers {
  private static final Logger LOG = LoggerFactory.getLogger(Leftovers.class);

  private Leftovers() {}

  /** The staging parts and uploads of {@code fileName} in {@code directory} left by killed runs. */
  public static void cleanFile(
      RunReport report, String directory, String fileName, PipelineOptions options) {
    clean(
        report,
        directory + fileName,
        () -> StagingLeftovers.remove(directory, fileName, report.start(), options));
  }

  public static void clean(RunReport report, String of, Callable<List<String>> cleanup) {
    try {
      List<String> removed = cleanup.call();
      removed.forEach(what -> LOG.info("removed a leftover of an earlier run: {}", what));
      report.removed(removed);
    } catch (Exception e) {
      LOG.warn("could not remove the leftovers of earlier runs of {}: {}", of, e.toString());
    }
  }
}
