package gov.austintexas.atd.standins.sandbox;

import gov.austintexas.atd.standins.demo.EmulatedSocrata;
import static org.junit.jupiter.api.Assertions.assertEquals;

import gov.austintexas.atd.pipelines.Launcher;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A user following the sandbox's printout: its exported variables and example commands, exactly
 * as printed, run the pipelines against the sandbox, and the destinations hold the results.
 */
class SandboxTest {
  private static final String JAR = "atd-pipelines.jar";

  @Test
  void thePrintedVariablesAndCommandsRunThePipelinesAgainstTheSandbox(@TempDir Path directory) throws Exception {
    try (SandboxServices sandbox = SandboxServices.start(directory)) {
      List<String> printed = sandbox.instructions(JAR);
      Map<String, String> environment = new HashMap<>();
      List<List<String>> commands = new ArrayList<>();
      for (String line : printed) {
        if (line.startsWith("export ")) {
          String[] variable = line.substring("export ".length()).split("=", 2);
          environment.put(variable[0], variable[1]);
        } else if (line.startsWith("java -jar " + JAR + " ")) {
          commands.add(shellWords(line.substring(("java -jar " + JAR + " ").length())));
        }
      }
      assertEquals(List.of("finance-to-s3", "s3-to-knack", "s3-to-socrata", "microstrategy-to-s3", "microstrategy-to-s3",
          "bond-data", "bond-calculations"), commands.stream().map(command -> command.get(0)).toList());

      // bond-calculations is left out: the demo runs it, and it is the slowest by far.
      for (List<String> command : commands.subList(0, 6)) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = new Launcher(environment, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8)).run(command.toArray(new String[0]));
        assertEquals(0, exit, command + ": " + err.toString(StandardCharsets.UTF_8));
      }

      Path bucket = directory.toAbsolutePath().resolve("bucket");
      assertEquals(5, sandbox.knack().records("emulated-finance-purchasing", "object_7").size());
      assertEquals(5, sandbox.socrata().rows(EmulatedSocrata.DEPT_UNITS).size());
      assertEquals(151, Files.readAllLines(bucket.resolve("reports/2020 Bond Expenses Obligated.csv")).size());
    }
  }

  /** Splits a printed command as a shell would: on spaces, except inside single quotes. */
  private static List<String> shellWords(String line) {
    List<String> words = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    boolean quoted = false;
    for (char c : line.toCharArray()) {
      if (c == '\'') {
        quoted = !quoted;
      } else if (c == ' ' && !quoted) {
        words.add(word.toString());
        word.setLength(0);
      } else {
        word.append(c);
      }
    }
    words.add(word.toString());
    return words;
  }
}
