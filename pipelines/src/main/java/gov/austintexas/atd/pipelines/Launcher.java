package gov.austintexas.atd.pipelines;

import gov.austintexas.atd.pipelines.validateconfig.ValidateConfig;
import gov.austintexas.atd.transforms.BadDataException;
import gov.austintexas.atd.transforms.s3.S3AccessOptions;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import org.apache.beam.runners.direct.DirectOptions;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.options.PipelineOptionsFactory;

/**
 * The runnable jar's entry point: {@code java -jar atd-pipelines.jar <pipeline> [--option=value
 * ...]}. The pipeline name comes first, then Beam options, parsed by Beam's own
 * PipelineOptionsFactory against that pipeline's options interface.
 */
public final class Launcher {
  private final Map<String, AtdPipeline<?>> pipelines = new LinkedHashMap<>();
  private final RecordingEnvironment environment;
  private final PrintStream out;
  private final PrintStream err;
  private final Clock clock;

  public Launcher(Map<String, String> environment, PrintStream out, PrintStream err) {
    this(environment, out, err, Clock.systemUTC());
  }

  /** With a fixed clock, a test knows the run report's name. */
  Launcher(Map<String, String> variables, PrintStream out, PrintStream err, Clock clock) {
    RecordingEnvironment environment = new RecordingEnvironment(variables);
    this.environment = environment;
    this.out = out;
    this.err = err;
    this.clock = clock;
    List<AtdPipeline<?>> all = new ArrayList<>();
    for (PipelineCommands commands :
        ServiceLoader.load(PipelineCommands.class, Launcher.class.getClassLoader())) {
      all.addAll(commands.commands(environment, out));
    }
    for (AtdPipeline<?> pipeline : all) {
      pipelines.put(pipeline.name(), pipeline);
    }
  }

  public static void main(String[] args) {
    System.exit(new Launcher(System.getenv(), System.out, System.err).run(args));
  }

  /** The commands that run a pipeline, by name. */
  Set<String> pipelineNames() {
    return pipelines.keySet();
  }

  /** The options interface of a command, or null for an unknown one (for checking examples). */
  Class<? extends RunReportOptions> optionsClassOf(String command) {
    AtdPipeline<?> pipeline = pipelines.get(command);
    return pipeline == null ? null : pipeline.optionsClass();
  }

  /** Runs a command and returns the process exit code. */
  public int run(String... args) {
    if (args.length == 0 || isHelp(args[0])) {
      printUsage(args.length == 0 ? err : out);
      return (args.length == 0 ? ExitCode.USAGE : ExitCode.SUCCESS).code;
    }
    if (args[0].equals("--version") || args[0].equals("version")) {
      out.println(BuildInfo.current().line());
      return ExitCode.SUCCESS.code;
    }
    if (args[0].equals(ValidateConfig.COMMAND)) {
      return new ValidateConfig(environment, out, err)
          .run(Arrays.copyOfRange(args, 1, args.length));
    }
    AtdPipeline<?> pipeline = pipelines.get(args[0]);
    if (pipeline == null) {
      err.println(
          "error: unknown pipeline '"
              + args[0]
              + "'; known: "
              + String.join(", ", pipelines.keySet()));
      return ExitCode.USAGE.code;
    }
    String[] options = Arrays.copyOfRange(args, 1, args.length);
    if (Arrays.stream(options).anyMatch(Launcher::isHelp)) {
      out.println(pipeline.name() + ": " + pipeline.description());
      out.println();
      OptionsHelp.print(out, pipeline.optionsClass());
      return ExitCode.SUCCESS.code;
    }
    return launch(pipeline, options);
  }

  /**
   * Runs the pipeline, prints its summary (or its error), and writes its run report: after a
   * success, and after a failure once the report directory is known. A usage error promises that
   * nothing was written, so it gets a report only in an explicit {@code --reportDir}.
   */
  private <O extends RunReportOptions> int launch(AtdPipeline<O> pipeline, String[] args) {
    RunReport report = new RunReport(pipeline.name(), clock.instant());
    report.launched();
    SettingSources sources = environment.startRun();
    O options = null;
    Redaction redaction = Redaction.of(environment, null);
    ExitCode exit;
    String[] given = args;
    try {
      // Old option names become the new ones here, so the report's settings say "option" for them
      // too.
      given = DeprecatedOptions.rewrite(pipeline.name(), args, err::println);
      options = parse(pipeline, given);
      redaction = Redaction.of(environment, options);
      LogSetup logs = LogSetup.of(options, environment, sources);
      logs.apply();
      report.runId(logs.runId());
      List<String> lines = redaction.apply(pipeline.run(options, report));
      lines.forEach(out::println);
      report.succeeded(lines);
      exit = ExitCode.SUCCESS;
    } catch (Throwable failure) {
      exit = explain(pipeline.name(), failure, report, redaction);
    }
    if (options != null) {
      report.settings(sources.toJson(options, pipeline.optionsClass(), given, environment));
    }
    String written =
        exit == ExitCode.USAGE && (options == null || options.getReportDir() == null)
            ? null
            : writeReport(pipeline.name(), report, options, redaction);
    if (written != null) {
      (exit == ExitCode.SUCCESS ? out : err).println("run report: " + redaction.apply(written));
    }
    return exit.code;
  }

  /** The report's path, or null when there is nowhere to write it or writing failed (a warning). */
  private String writeReport(
      String name, RunReport report, RunReportOptions options, Redaction redaction) {
    String directory = report.directory(options);
    if (directory == null) {
      return null;
    }
    try {
      if (options instanceof S3AccessOptions s3) {
        S3AccessOptions.applyTo(s3);
      }
      if (options != null) {
        FileSystems.setDefaultPipelineOptions(options);
      }
      return report.write(directory, options, clock.instant(), redaction::apply);
    } catch (Exception e) {
      err.println(
          redaction.apply(
              "warning: "
                  + name
                  + ": the run report could not be written to "
                  + directory
                  + ": "
                  + oneLine(String.valueOf(e.getMessage()))));
      return null;
    }
  }

  private static <O extends RunReportOptions> O parse(AtdPipeline<O> pipeline, String[] args) {
    O options;
    try {
      PipelineOptionsFactory.register(pipeline.optionsClass());
      options = PipelineOptionsFactory.fromArgs(args).withValidation().as(pipeline.optionsClass());
    } catch (IllegalArgumentException badOption) {
      throw new UsageException(badOption.getMessage());
    }
    // The DirectRunner's immutability and encodability checks are for tests, which keep them on;
    // in a scheduled run they only cost time (1.5 to 3 times slower on large writes).
    DirectOptions direct = options.as(DirectOptions.class);
    if (!mentions(args, "enforceImmutability")) {
      direct.setEnforceImmutability(false);
    }
    if (!mentions(args, "enforceEncodability")) {
      direct.setEnforceEncodability(false);
    }
    if (pipeline.directRunnerThreads() > 0 && !mentions(args, "targetParallelism")) {
      direct.setTargetParallelism(pipeline.directRunnerThreads());
    }
    return options;
  }

  /**
   * Prints one line naming the cause, and a stack trace only when the cause is unexpected; the
   * report gets the same line and the failure details. Everything goes through {@code redaction}.
   */
  private ExitCode explain(String name, Throwable failure, RunReport report, Redaction redaction) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      Expected expected = Expected.of(cause);
      if (expected != null) {
        return fail(
            report,
            redaction,
            expected.code(),
            "error: " + name + ": ",
            oneLine(cause.getMessage()),
            expected.details(),
            expected.details());
      }
      if (cause instanceof WriteFailedException writeFailed) {
        err.println(redaction.apply("error: " + name + ": " + cause.getMessage()));
        report.failed(
            ExitCode.WRITE_FAILED,
            redaction.apply(writeFailed.headline()),
            redaction.apply(writeFailed.failures()));
        return ExitCode.WRITE_FAILED;
      }
    }
    Throwable root = failure;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String line = root.getClass().getSimpleName() + ": " + oneLine(root.getMessage());
    StringWriter trace = new StringWriter();
    failure.printStackTrace(new PrintWriter(trace));
    fail(
        report,
        redaction,
        ExitCode.UNEXPECTED,
        "error: " + name + " failed: ",
        line,
        List.of(trace.toString().stripTrailing()),
        List.of());
    return ExitCode.UNEXPECTED;
  }

  /** A failure the pipelines expect: its exit code, and the details printed and reported. */
  private record Expected(ExitCode code, List<String> details) {
    /** The expected failure {@code cause} is, or null. */
    static Expected of(Throwable cause) {
      if (cause instanceof UsageException) {
        return new Expected(ExitCode.USAGE, List.of());
      }
      if (cause instanceof BadDataException badData) {
        return new Expected(ExitCode.BAD_DATA, badData.details());
      }
      if (cause instanceof OutageException outage) {
        return new Expected(ExitCode.UNEXPECTED, outage.details());
      }
      return null;
    }
  }

  /**
   * Prints the error line and the lines after it, and records the line and the failures in the
   * report.
   */
  private ExitCode fail(
      RunReport report,
      Redaction redaction,
      ExitCode code,
      String prefix,
      String line,
      List<String> printed,
      List<String> failures) {
    String error = redaction.apply(line);
    err.println(prefix + error);
    redaction.apply(printed).forEach(err::println);
    report.failed(code, error, redaction.apply(failures));
    return code;
  }

  private void printUsage(PrintStream to) {
    to.println("usage: java -jar atd-pipelines.jar <pipeline> [--option=value ...]");
    to.println("       java -jar atd-pipelines.jar <pipeline> --help");
    to.println("       java -jar atd-pipelines.jar --version");
    to.println("       java -jar atd-pipelines.jar validate-config [--configDir=DIR]");
    to.println();
    to.println("pipelines:");
    for (AtdPipeline<?> pipeline : pipelines.values()) {
      to.printf("  %-22s %s%n", pipeline.name(), pipeline.description());
    }
    to.println();
    to.println("exit codes:");
    for (ExitCode code : ExitCode.values()) {
      to.printf("  %d  %s%n", code.code, code.meaning);
    }
  }

  private static boolean isHelp(String arg) {
    return arg.equals("--help") || arg.equals("-h") || arg.startsWith("--help=");
  }

  private static boolean mentions(String[] args, String option) {
    return Arrays.stream(args)
        .anyMatch(arg -> arg.equals("--" + option) || arg.startsWith("--" + option + "="));
  }

  private static String oneLine(String message) {
    return message == null ? "" : message.strip().replaceAll("\\s*\\n\\s*", " ");
  }
}
