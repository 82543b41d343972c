package gov.austintexas.atd.pipelines;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import gov.austintexas.atd.transforms.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Old option names still work through the launcher, with one warning each; old and new together is
 * exit 2.
 */
class DeprecatedOptionsTest {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private final Launcher launcher =
      new Launcher(
          Map.of(),
          new PrintStream(out, true, StandardCharsets.UTF_8),
          new PrintStream(err, true, StandardCharsets.UTF_8));

  @TempDir Path directory;

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void anOldNameIsTakenAsTheNewOneWithOneWarningAndTheReportSaysOption() throws Exception {
    Path reports = directory.resolve("reports");
    assertEquals(
        2,
        launcher.run(
            "microstrategy-to-s3",
            "--reportName=2020 Bond Expenses Obligated",
            "--output=" + directory.resolve("out"),
            "--reportDir=" + reports,
            "--username=etl",
            "--password=old-name-s3cr3t",
            "--mstrTimeoutSeconds=7"));

    // The user and the password are not among the missing settings: the old names were taken.
    List<String> lines = err().lines().toList();
    assertEquals(
        List.of(
            "warning: --username is deprecated; use --mstrUser",
            "warning: --password is deprecated; use --mstrPassword",
            "error: microstrategy-to-s3: MicroStrategy is not configured: set --mstrBaseUrl (or"
                + " BASE_URL), --mstrProjectId (or PROJECT_ID)"),
        lines.subList(0, 3));
    assertEquals(4, lines.size(), err());
    assertTrue(lines.get(3).startsWith("run report: "), err());
    try (Stream<Path> files = Files.list(reports)) {
      String text = Files.readString(files.findFirst().orElseThrow());
      assertFalse(text.contains("old-name-s3cr3t"), "the password is in the report");
      JsonNode report = Json.MAPPER.readTree(text);
      assertEquals("option", report.get("settings").get("mstrUser").asText());
      assertEquals("option", report.get("settings").get("mstrPassword").asText());
      assertEquals("etl", report.get("options").get("mstrUser").asText());
      assertEquals(MaskedOptions.MASK, report.get("options").get("mstrPassword").asText());
      assertFalse(
          report.get("settings").has("username") || report.get("options").has("password"), text);
    }
  }

  @Test
  void theOldAndTheNewNameTogetherAreAUsageError() {
    assertEquals(
        2,
        launcher.run(
            "bond-data", "--reportsDir=/tmp/a/", "--input=/tmp/b/", "--reportDir=" + directory));
    assertEquals(
        "error: bond-data: --reportsDir and --input are one option (--reportsDir is its deprecated"
            + " name): give only --input\n",
        err());
    assertEquals("", out.toString(StandardCharsets.UTF_8));
  }

  @Test
  void everyFormOfAnOldNameIsRewrittenAndWarnsOnce() {
    List<String> warnings = new ArrayList<>();
    String[] rewritten =
        DeprecatedOptions.rewrite(
            Map.of("old", "new", "quiet", "silent"),
            new String[] {"--old=a", "--quiet", "--other=x", "--old", "b", "--older=c"},
            warnings::add);
    assertArrayEquals(
        new String[] {"--new=a", "--silent", "--other=x", "--new", "b", "--older=c"}, rewritten);
    assertEquals(
        List.of(
            "warning: --old is deprecated; use --new",
            "warning: --quiet is deprecated; use --silent"),
        warnings);
  }

  @Test
  void helpShowsOnlyTheNewNames() {
    DeprecatedOptions.RENAMED.forEach(
        (command, renamed) -> {
          out.reset();
          assertEquals(0, launcher.run(command, "--help"));
          String help = out.toString(StandardCharsets.UTF_8);
          renamed.forEach(
              (oldName, newName) -> {
                assertFalse(
                    help.contains("--" + oldName + "="), command + " --help shows --" + oldName);
                assertTrue(
                    help.contains("--" + newName + "="), command + " --help lacks --" + newName);
              });
        });
    assertEquals("", err());
  }
}
