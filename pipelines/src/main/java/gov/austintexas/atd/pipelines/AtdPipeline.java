package gov.austintexas.atd.pipelines;

import java.util.List;
import org.apache.beam.sdk.options.PipelineOptions;

/** One command of the launcher: a pipeline (or the demo) with its own options interface. */
public interface AtdPipeline<O extends PipelineOptions> {

  /** The command name, e.g. {@code finance-to-s3}. */
  String name();

  /** One line for {@code --help}. */
  String description();

  Class<O> optionsClass();

  /**
   * Checks the configuration (throwing {@link UsageException} before any I/O), runs to
   * completion, and returns the summary lines to print.
   */
  List<String> run(O options) throws Exception;
}
