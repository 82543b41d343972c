package gov.austintexas.atd.pipelines;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.beam.sdk.io.aws2.options.AwsOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.regions.Region;

/**
 * The scheduler examples in docs/examples cannot drift from the launcher: every pipeline command in
 * them parses against that pipeline's options (with Beam's validation and the run id's rules), sets
 * the region and the run id, the cron wrapper retries exactly exit codes 1 and 4, and the
 * scheduling section of docs/operations.md quotes the files verbatim.
 */
class SchedulerExamplesTest {
  private static final Path EXAMPLES = Path.of("..", "docs", "examples");
  private static final String AIRFLOW_RUN_ID = "scheduled__2026-12-01T11:10:00+00:00";
  private static final String PREFECT_RUN_ID = "0b9d2c1e-5f4a-4c3b-9a8d-7e6f5a4b3c2d";

  /** What each placeholder of the Python examples stands for at run time. */
  private static final Map<String, String> PLACEHOLDERS =
      Map.of(
          "{{ run_id }}",
          AIRFLOW_RUN_ID,
          "{run_id}",
          PREFECT_RUN_ID,
          "{REGION}",
          "us-east-1",
          "{record_type}",
          "task_orders",
          "{app}",
          "data-tracker");

  private static final Pattern PYTHON_STRING = Pattern.compile("f?\"([^\"]*)\"");

  private final Launcher launcher =
      new Launcher(
          Map.of(),
          new PrintStream(OutputStream.nullOutputStream()),
          new PrintStream(OutputStream.nullOutputStream()));

  @Test
  void airflowRunsTheFinanceChainWithTemplatedSecretsAndNoRetryOn2Or3() throws Exception {
    String dag = Files.readString(EXAMPLES.resolve("airflow_finance.py"));
    List<List<String>> commands = pythonCommands(dag);

    assertEquals(List.of("finance-to-s3", "s3-to-knack", "s3-to-socrata"), names(commands));
    commands.forEach(command -> assertParses(command, AIRFLOW_RUN_ID));
    assertFalse(dag.contains("private_environment="), "private_environment is not templated");
    assertTrue(
        dag.contains("environment={**environment")
            && dag.contains("{{ var.value.finance_db_password }}"),
        dag);
    assertTrue(
        dag.contains("mem_limit=MEMORY")
            && dag.contains("AirflowFailException")
            && dag.contains("retries=2"),
        dag);
  }

  @Test
  void prefectRunsTheBondChainInOrderWithSecretBlocks() throws Exception {
    String flow = Files.readString(EXAMPLES.resolve("prefect_bond.py"));
    List<List<String>> commands = pythonCommands(flow);

    assertEquals(
        List.of("microstrategy-to-s3", "microstrategy-to-s3", "bond-data", "bond-calculations"),
        names(commands));
    commands.forEach(command -> assertParses(command, PREFECT_RUN_ID));
    assertEquals(
        List.of(
            "--reportName=2020 Bond Expenses Obligated",
            "--reportName=All bonds Expenses Obligated"),
        commands.subList(0, 2).stream().map(command -> command.get(1)).toList());
    assertTrue(
        flow.contains("Secret.load(block).get()")
            && flow.contains("retry_condition_fn=retry_transient_failures")
            && flow.contains("--memory={MEMORY[name]}"),
        flow);
  }

  @Test
  void cronRunsBothChainsThroughTheWrapper() throws Exception {
    List<List<String>> commands = cronCommands(Files.readString(EXAMPLES.resolve("crontab")));

    assertEquals(
        List.of(
            "finance-to-s3",
            "s3-to-knack",
            "finance-to-s3",
            "s3-to-knack",
            "s3-to-socrata",
            "microstrategy-to-s3",
            "microstrategy-to-s3",
            "bond-data",
            "bond-calculations"),
        names(commands));
    for (List<String> command : commands) {
      List<String> withRunId = new ArrayList<>(command);
      withRunId.add(
          "--runId=cron-" + command.get(0) + "-20261201T051000Z"); // as atd-run.sh adds it
      assertParses(withRunId, "cron-" + command.get(0) + "-20261201T051000Z");
    }
  }

  @Test
  void theCronWrapperRetriesOnly1And4AndPassesMemoryAndRunId(@TempDir Path directory)
      throws Exception {
    // A stand-in for docker that records its arguments and exits with $FAKE_EXIT.
    Path docker = directory.resolve("docker");
    Files.writeString(docker, "#!/bin/sh\necho \"$@\" >> \"$CALLS\"\nexit \"$FAKE_EXIT\"\n");
    Files.setPosixFilePermissions(docker, PosixFilePermissions.fromString("rwxr-xr-x"));
    for (int exit : new int[] {0, 1, 2, 3, 4}) {
      Path calls = directory.resolve("calls-" + exit);
      ProcessBuilder builder =
          new ProcessBuilder(
                  "sh",
                  EXAMPLES.resolve("atd-run.sh").toString(),
                  "/etc/atd/finance.env",
                  "2g",
                  "finance-to-s3",
                  "--recordType=units")
              .redirectErrorStream(true)
              .redirectOutput(directory.resolve("out-" + exit).toFile());
      builder
          .environment()
          .putAll(
              Map.of(
                  "PATH",
                  directory + ":" + System.getenv("PATH"),
                  "CALLS",
                  calls.toString(),
                  "FAKE_EXIT",
                  String.valueOf(exit),
                  "ATD_RETRY_DELAY_SECONDS",
                  "0"));
      Process process = builder.start();
      assertTrue(process.waitFor(1, TimeUnit.MINUTES));

      assertEquals(exit, process.exitValue());
      List<String> runs = Files.readAllLines(calls);
      assertEquals(exit == 1 || exit == 4 ? 3 : 1, runs.size(), "exit " + exit + ": " + runs);
      assertTrue(
          runs.get(0)
              .matches(
                  "run --rm --memory=2g --env-file=/etc/atd/finance.env --env=ATD_LOG_FORMAT=json"
                      + " atd-pipelines:latest finance-to-s3 --recordType=units"
                      + " --runId=cron-finance-to-s3-\\d{8}T\\d{6}Z"),
          runs.get(0));
      assertEquals(
          1, runs.stream().distinct().count(), "every attempt has the same run id: " + runs);
    }
  }

  @Test
  void theOperationsGuidesSchedulingSectionQuotesTheExamples() throws Exception {
    String guide = Files.readString(Path.of("..", "docs", "operations.md"));
    int start = guide.indexOf("\n## Scheduling\n");
    assertTrue(start >= 0, "docs/operations.md has no '## Scheduling' section");
    String section = guide.substring(start, guide.indexOf("\n## ", start + 1));
    Matcher block = Pattern.compile("```(\\w+)\\n(.*?)```", Pattern.DOTALL).matcher(section);
    List<String> quoted = new ArrayList<>();
    while (block.find()) {
      String quote = block.group(2);
      List<String> files =
          switch (block.group(1)) {
            case "cron" -> List.of("crontab");
            case "sh" -> List.of("atd-run.sh");
            case "python" -> List.of("airflow_finance.py", "prefect_bond.py");
            default ->
                throw new AssertionError(
                    "a ```"
                        + block.group(1)
                        + " block in the scheduling section of docs/operations.md");
          };
      String file =
          files.stream()
              .filter(name -> read(EXAMPLES.resolve(name)).contains(quote))
              .findFirst()
              .orElseThrow(
                  () ->
                      new AssertionError(
                          "the block of docs/operations.md is in none of docs/examples/"
                              + files
                              + ":\n"
                              + quote));
      quoted.add(file);
    }
    assertEquals(
        List.of("crontab", "atd-run.sh", "airflow_finance.py", "prefect_bond.py"),
        quoted.stream().distinct().toList());
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** Parses like the launcher (Beam's parser with validation, then the log settings' rules). */
  private void assertParses(List<String> command, String runId) {
    Class<? extends RunReportOptions> optionsClass = launcher.optionsClassOf(command.get(0));
    assertNotNull(optionsClass, "unknown pipeline in " + command);
    PipelineOptionsFactory.register(optionsClass);
    RunReportOptions options =
        PipelineOptionsFactory.fromArgs(command.subList(1, command.size()).toArray(new String[0]))
            .withValidation()
            .as(optionsClass);
    assertEquals(
        runId, LogSetup.of(options, Map.of(), new SettingSources()).runId(), command.toString());
    assertEquals(Region.US_EAST_1, options.as(AwsOptions.class).getAwsRegion(), command.toString());
  }

  private static List<String> names(List<List<String>> commands) {
    return commands.stream().map(command -> command.get(0)).toList();
  }

  /**
   * Every Python list literal of strings that starts with a pipeline's name, placeholders filled
   * in.
   */
  private List<List<String>> pythonCommands(String source) {
    Matcher literal =
        Pattern.compile("\\[\\s*\"([a-z0-9-]+)\"((?:\\s*,\\s*f?\"[^\"]*\")*)\\s*,?\\s*\\]")
            .matcher(source);
    List<List<String>> commands = new ArrayList<>();
    while (literal.find()) {
      if (launcher.optionsClassOf(literal.group(1)) == null) {
        continue;
      }
      List<String> command = new ArrayList<>(List.of(literal.group(1)));
      Matcher string = PYTHON_STRING.matcher(literal.group(2));
      while (string.find()) {
        command.add(filled(string.group(1)));
      }
      commands.add(command);
    }
    return commands;
  }

  private static String filled(String value) {
    String result = value;
    for (Map.Entry<String, String> placeholder : PLACEHOLDERS.entrySet()) {
      result = result.replace(placeholder.getKey(), placeholder.getValue());
    }
    assertFalse(result.contains("{"), "a placeholder the test does not know: " + value);
    return result;
  }

  /** The pipeline and options of each atd-run.sh call in the crontab's entries. */
  private static List<List<String>> cronCommands(String crontab) {
    List<List<String>> commands = new ArrayList<>();
    for (String line : crontab.lines().toList()) {
      if (!line.matches("^[0-9*].*")) {
        continue;
      }
      String command =
          line.split(" ", 6)[5].replaceFirst(" >> .*$", "").replaceAll("^\\(|\\)$", "");
      for (String step : command.split(" && ")) {
        List<String> words = shellWords(step);
        assertEquals("/opt/atd/atd-run.sh", words.get(0), step);
        assertTrue(words.get(2).matches("\\d+g"), "a memory limit: " + step);
        commands.add(words.subList(3, words.size()));
      }
    }
    return commands;
  }

  /** Words split at spaces, with "double quoted" words kept whole (all the examples use). */
  private static List<String> shellWords(String text) {
    List<String> words = new ArrayList<>();
    Matcher word = Pattern.compile("\"([^\"]*)\"|(\\S+)").matcher(text);
    while (word.find()) {
      words.add(word.group(1) != null ? word.group(1) : word.group(2));
    }
    return words;
  }
}
