package gov.austintexas.atd.pipelines;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The configuration files a pipeline reads, by their path in {@code src/} ({@code
 * finance/record-types.json}): from the operator's folder ({@code --configDir}, else {@code
 * ATD_CONFIG_DIR}) where the file is there, else the copy packed into the jar under {@code atd/}.
 * Files are read on the launcher's side while the graph is built, so a folder on the machine that
 * starts the run is enough on any runner.
 */
public final class ConfigFiles {
  public static final String VARIABLE = "ATD_CONFIG_DIR";
  private static final String PACKED_ROOT = "atd/";

  /** The operator's folder, or null for the packed files only. */
  private final Path dir;

  private ConfigFiles(Path dir) {
    this.dir = dir;
  }

  /** The packed files only. */
  public static ConfigFiles packed() {
    return new ConfigFiles(null);
  }

  /**
   * The folder {@code option} names, else {@code ATD_CONFIG_DIR}'s, else the packed files only; a
   * folder that is not there is a usage error, before any I/O.
   */
  public static ConfigFiles of(ConfigDirOptions options, Map<String, String> environment) {
    String option = options.getConfigDir();
    String named = new Settings(environment).orEnv(option, VARIABLE, "configDir");
    if (named == null) {
      return packed();
    }
    Path dir = Path.of(named);
    if (!Files.isDirectory(dir)) {
      String from = option != null && !option.isBlank() ? "--configDir" : VARIABLE;
      throw new UsageException(from + " names " + named + ", which is not a folder");
    }
    return new ConfigFiles(dir);
  }

  /** The file's text (UTF-8); a file in neither place is a usage error naming it. */
  public String text(String file) {
    Path edited = edited(file);
    if (edited != null) {
      try {
        return Files.readString(edited, StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException("could not read " + edited, e);
      }
    }
    return Resources.text(PACKED_ROOT + file);
  }

  /**
   * Where {@link #text} reads the file from, as error messages name it: its path, or its place in
   * src/.
   */
  public String source(String file) {
    Path edited = edited(file);
    return edited != null ? edited.toString() : "src/" + file;
  }

  /** The operator's copy of the file, or {@code packed}. */
  public String origin(String file) {
    Path edited = edited(file);
    return edited != null ? edited.toString() : "packed";
  }

  /** The folder, or null for the packed files only. */
  public Path dir() {
    return dir;
  }

  private Path edited(String file) {
    if (dir == null) {
      return null;
    }
    Path path = dir.resolve(file);
    return Files.isRegularFile(path) ? path : null;
  }
}
