package gov.austintexas.atd.standins.sandbox;

import gov.austintexas.atd.pipelines.AtdPipeline;
import gov.austintexas.atd.pipelines.RunReport;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * {@code sandbox}: starts the demo's stand-ins ({@link SandboxServices}) and keeps them up until
 * Ctrl-C, after printing the variables and options that point each pipeline at them, so a user can
 * run one pipeline by hand.
 */
public class Sandbox implements AtdPipeline<SandboxOptions> {
  private final PrintStream out;

  public Sandbox(PrintStream out) {
    this.out = out;
  }

  @Override
  public String name() {
    return "sandbox";
  }

  @Override
  public String description() {
    return "the emulated services and sample databases, up until Ctrl-C, with the options that"
        + " reach them";
  }

  @Override
  public Class<SandboxOptions> optionsClass() {
    return SandboxOptions.class;
  }

  @Override
  public List<String> run(SandboxOptions options, RunReport report) throws Exception {
    report.defaultDirectory(
        Path.of(options.getSandboxDir()).toAbsolutePath().resolve("run-reports") + "/");
    CountDownLatch stopped = new CountDownLatch(1);
    SandboxServices services = SandboxServices.start(Path.of(options.getSandboxDir()));
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  try {
                    services.close();
                  } catch (Exception e) {
                    // The JVM is exiting; the services go with it.
                  }
                  stopped.countDown();
                },
                "sandbox-stop"));
    services.instructions("pipelines/target/atd-pipelines.jar").forEach(out::println);
    out.flush();
    stopped.await();
    return List.of("sandbox: stopped");
  }
}
