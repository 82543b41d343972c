package gov.austintexas.atd.pipelines;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;

/**
 * A set of the launcher's commands, found through {@link java.util.ServiceLoader}: the six
 * pipelines ({@link ProductionCommands}) and the demo and sandbox, which live among the stand-ins,
 * so that production code never names a stand-in. The service file lists them in the order {@code
 * --help} shows them.
 */
public interface PipelineCommands {
  /**
   * The commands, each reading its settings from {@code environment} and printing to {@code out}.
   */
  List<AtdPipeline<?>> commands(Map<String, String> environment, PrintStream out);
}
