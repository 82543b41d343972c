package gov.austintexas.atd.standins;

import gov.austintexas.atd.pipelines.AtdPipeline;
import gov.austintexas.atd.pipelines.PipelineCommands;
import gov.austintexas.atd.standins.demo.Demo;
import gov.austintexas.atd.standins.sandbox.Sandbox;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;

/** The commands that run the pipelines against stand-ins: {@code demo} and {@code sandbox}. */
public final class StandInCommands implements PipelineCommands {
  @Override
  public List<AtdPipeline<?>> commands(Map<String, String> environment, PrintStream out) {
    return List.of(new Demo(environment), new Sandbox(out));
  }
}
