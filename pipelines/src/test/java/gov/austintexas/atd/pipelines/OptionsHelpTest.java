package gov.austintexas.atd.pipelines;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.jupiter.api.Test;

/** {@code --help} prints what Beam's own printer prints, for every pipeline. */
class OptionsHelpTest {
  private final Launcher launcher = new Launcher(Map.of(), System.out, System.err);

  @Test
  void everyPipelinesHelpIsBeamsHelp() {
    assertTrue(launcher.pipelineNames().size() >= 6, launcher.pipelineNames().toString());
    for (String name : launcher.pipelineNames()) {
      var options = launcher.optionsClassOf(name);
      String ours = printed(out -> OptionsHelp.print(out, options));
      String beams = printed(out -> PipelineOptionsFactory.printHelp(out, options));
      assertEquals(beams, ours, name);
    }
  }

  private static String printed(Consumer<PrintStream> print) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    print.accept(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    return bytes.toString(StandardCharsets.UTF_8);
  }
}
