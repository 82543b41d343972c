package gov.austintexas.atd.pipelines;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * Which build is running: the project version and the git commit it was built from, written into
 * {@code build-info.properties} (and the jar's manifest) by the build. A build without a {@code
 * .git} to read, from a source tarball, says {@code unknown}.
 */
public record BuildInfo(String version, String commit, boolean dirty) {
  static final String UNKNOWN = "unknown";

  /** This jar's (or class path's) build. */
  public static BuildInfo current() {
    Properties properties = new Properties();
    try (InputStream in = BuildInfo.class.getResourceAsStream("build-info.properties")) {
      if (in != null) {
        properties.load(in);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new BuildInfo(
        filled(properties.getProperty("version")),
        filled(properties.getProperty("commit")),
        "true".equals(properties.getProperty("dirty")));
  }

  /** A value the build filled in, or {@code unknown} (absent, or a placeholder left unfilled). */
  private static String filled(String value) {
    return value == null || value.isBlank() || value.startsWith("${") ? UNKNOWN : value.strip();
  }

  /**
   * {@code atd-pipelines 0.1.0 (commit 51c3508…)}, with {@code , uncommitted changes} when dirty.
   */
  public String line() {
    return "atd-pipelines "
        + version
        + " (commit "
        + commit
        + (dirty ? ", with uncommitted changes" : "")
        + ")";
  }
}
