package gov.austintexas.atd.pipelines;

import java.util.List;
import java.util.Map;

/**
 * Option values with the old scripts' environment variables as fallbacks, so an existing
 * scheduler's environment file keeps working. Under the launcher, each fallback taken is noted
 * for the run report's {@code settings} (the variable's name, never its value).
 */
public final class Settings {
  private final Map<String, String> environment;

  public Settings(Map<String, String> environment) {
    this.environment = environment;
  }

  /** The option's value, else the variable's, else null. */
  public String orEnv(String value, String variable) {
    if (value != null && !value.isBlank()) {
      return value;
    }
    return variable(variable);
  }

  /** {@link #orEnv}, noting in the run report that {@code setting} came from the variable when it did. */
  public String orEnv(String value, String variable, String setting) {
    String found = orEnv(value, variable);
    if (found != null && (value == null || value.isBlank())) {
      noteSource(setting, "variable " + variable);
    }
    return found;
  }

  /** The variable's value, or null when it is unset or blank. */
  public String variable(String variable) {
    String fromEnv = environment.get(variable);
    return fromEnv == null || fromEnv.isBlank() ? null : fromEnv;
  }

  /** Tells the run report where a setting came from, e.g. {@code "variables PGHOST, PGDATABASE"}. */
  public void noteSource(String setting, String source) {
    if (environment instanceof RecordingEnvironment recording) {
      recording.sources().from(setting, source);
    }
  }

  /**
   * The option's value, else the variable's; when neither is set, notes {@code "--flag (or
   * VARIABLE)"} in {@code missing} (so one error can name everything missing) and returns null.
   */
  public String required(String value, String variable, String flag, List<String> missing) {
    String found = orEnv(value, variable, flag.replaceFirst("^--", ""));
    if (found == null) {
      missing.add(flag + " (or " + variable + ")");
    }
    return found;
  }

  /**
   * A directory option ending in {@code /}: its value, else {@code s3://$BUCKET/}, else a usage
   * error naming the option.
   */
  public String directoryOrBucket(String value, String option) {
    if (value != null && !value.isBlank()) {
      return withSlash(value);
    }
    String bucket = variable("BUCKET");
    if (bucket == null) {
      throw new UsageException("no " + option + ": give --" + option + "=s3://bucket[/prefix]/ (or a directory), or set BUCKET");
    }
    noteSource(option, "variable BUCKET");
    return "s3://" + bucket + "/";
  }

  public static String withSlash(String directory) {
    return directory.endsWith("/") ? directory : directory + "/";
  }
}
