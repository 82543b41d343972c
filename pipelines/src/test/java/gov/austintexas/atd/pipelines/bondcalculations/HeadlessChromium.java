package gov.austintexas.atd.pipelines.bondcalculations;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's {@code chromium} in headless mode, as a child process: the DOM of a page after its
 * scripts ran, and screenshots. The executable is {@code ATD_CHROMIUM} or {@code chromium} on the
 * PATH ({@code .ci/run} installs it when absent).
 */
final class HeadlessChromium {
  private HeadlessChromium() {}

  static String executable() {
    String configured = System.getenv("ATD_CHROMIUM");
    if (configured != null && !configured.isBlank()) {
      return configured;
    }
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      if (Files.isExecutable(Path.of(dir, "chromium"))) {
        return Path.of(dir, "chromium").toString();
      }
    }
    throw new IllegalStateException(
        "chromium is not installed: apt-get install chromium (.ci/run does), or set ATD_CHROMIUM");
  }

  /** The page's DOM, serialized after its scripts ran. */
  static String dumpDom(Path page) throws Exception {
    return run(page, "--dump-dom");
  }

  /** A PNG of the page's first {@code width} x {@code height} pixels. */
  static void screenshot(Path page, Path png, int width, int height) throws Exception {
    Files.createDirectories(png.toAbsolutePath().getParent());
    Files.deleteIfExists(png);
    run(
        page,
        "--screenshot=" + png.toAbsolutePath(),
        "--window-size=" + width + "," + height,
        "--hide-scrollbars");
    if (!Files.isRegularFile(png)) {
      throw new IllegalStateException("chromium wrote no screenshot to " + png);
    }
  }

  private static String run(Path page, String... what) throws Exception {
    Path profile = Files.createTempDirectory("chromium-profile-");
    Path stdout = profile.resolve("stdout");
    Path stderr = profile.resolve("stderr");
    List<String> command =
        new ArrayList<>(
            List.of(
                executable(),
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--no-first-run",
                "--user-data-dir=" + profile.resolve("data")));
    command.addAll(Arrays.asList(what));
    command.add(page.toAbsolutePath().toUri().toString());
    Process chromium =
        new ProcessBuilder(command)
            .redirectOutput(stdout.toFile())
            .redirectError(stderr.toFile())
            .start();
    try {
      // A bound on a hung browser, not a timing check.
      if (!chromium.waitFor(120, TimeUnit.SECONDS)) {
        throw new IllegalStateException(
            "chromium did not finish within 120 s: " + Files.readString(stderr));
      }
      if (chromium.exitValue() != 0) {
        throw new IllegalStateException(
            "chromium exited with " + chromium.exitValue() + ": " + Files.readString(stderr));
      }
      return Files.readString(stdout, StandardCharsets.UTF_8);
    } finally {
      chromium.destroyForcibly();
      deleteTree(profile);
    }
  }

  private static void deleteTree(Path path) throws IOException {
    try (var walk = Files.walk(path)) {
      walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
