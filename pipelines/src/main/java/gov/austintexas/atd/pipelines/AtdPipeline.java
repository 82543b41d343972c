package gov.austintexas.atd.pipelines;

import java.util.List;

/** One command of the launcher: a pipeline (or the demo) with its own options interface. */
public interface AtdPipeline<O extends RunReportOptions> {

  /** The command name, e.g. {@code finance-to-s3}. */
  String name();

  /** One line for {@code --help}. */
  String description();

  Class<O> optionsClass();

  /**
   * The DirectRunner's worker threads when {@code --targetParallelism} is not given, or 0 for its
   * default. Its scheduler polls on one of those threads without pause while a bundle runs, so a
   * pipeline whose work is one long bundle runs faster on one thread, that bundle's.
   */
  default int directRunnerThreads() {
    return 0;
  }

  /**
   * Checks the configuration (throwing {@link UsageException} before any I/O), runs to completion,
   * and returns the summary lines to print. Along the way it tells {@code report} what the launcher
   * cannot know: the default report directory, the run's subject, the finished pipeline's metrics
   * and where failure details go.
   */
  List<String> run(O options, RunReport report) throws Exception;

  /** Runs without a report, as the demo and the tests do. */
  default List<String> run(O options) throws Exception {
    return run(options, new RunReport(name(), java.time.Instant.now()));
  }
}
