package gov.austintexas.atd.pipelines;

import gov.austintexas.atd.transforms.secrets.SecretMask;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Option values with the old scripts' environment variables as fallbacks, so an existing
 * scheduler's environment file keeps working. Under the launcher, each fallback taken is noted for
 * the run report's {@code settings} (the variable's name, never its value).
 */
public final class Settings {
  private final Map<String, String> environment;

  public Settings(Map<String, String> environment) {
    this.environment = environment;
  }

  /**
   * The option's value, else the variable's, else null; trimmed, since a value read from a secret
   * file often ends in a line break.
   */
  public String orEnv(String value, String variable) {
    if (value != null && !value.isBlank()) {
      return value.strip();
    }
    return variable(variable);
  }

  /**
   * {@link #orEnv}, noting in the run report that {@code setting} came from the variable when it
   * did.
   */
  public String orEnv(String value, String variable, String setting) {
    String found = orEnv(value, variable);
    if (found != null && (value == null || value.isBlank())) {
      noteSource(setting, "variable " + variable);
    }
    return found;
  }

  /** The variables this reads, noting each one taken. */
  public Map<String, String> environment() {
    return environment;
  }

  /** The variable's value, or null when it is unset or blank. */
  public String variable(String variable) {
    String fromEnv = environment.get(variable);
    return fromEnv == null || fromEnv.isBlank() ? null : fromEnv.strip();
  }

  /**
   * {@link #orEnv}, for a value sent as an HTTP header (an API key, an app token): one holding a
   * character no header may carry (a line break, a control character, a non-ASCII letter) is a
   * usage error naming the option or variable it came from, never the value.
   */
  public String headerValue(String value, String variable, String flag) {
    String found = orEnv(value, variable, flag.replaceFirst("^--", ""));
    if (found != null && !found.chars().allMatch(c -> c == '\t' || (c >= 0x20 && c < 0x7f))) {
      String source = value != null && !value.isBlank() ? flag : variable;
      throw new UsageException(
          source
              + " cannot be sent as an HTTP header: it holds a line break, a control character"
              + " or a non-ASCII character (its value is not shown)");
    }
    return found;
  }

  /**
   * An http(s) URL option, checked before any I/O: anything else is a usage error naming the option
   * (the value shown with any password in it masked).
   */
  public static URI httpUrl(String value, String flag) {
    try {
      URI uri = new URI(value.strip());
      if ((uri.getScheme() != null && uri.getScheme().matches("(?i)https?"))
          && uri.getHost() != null) {
        return uri;
      }
    } catch (URISyntaxException e) {
      // reported below
    }
    throw new UsageException(
        flag
            + " must be an http:// or https:// URL with a host, not '"
            + SecretMask.inText(value)
            + "'");
  }

  /** {@link #required}, for a value sent as an HTTP header: see {@link #headerValue}. */
  public String requiredHeaderValue(
      String value, String variable, String flag, List<String> missing) {
    String found = headerValue(value, variable, flag);
    if (found == null) {
      missing.add(flag + " (or " + variable + ")");
    }
    return found;
  }

  /**
   * Tells the run report where a setting came from, e.g. {@code "variables PGHOST, PGDATABASE"}.
   */
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
      throw new UsageException(
          "no "
              + option
              + ": give --"
              + option
              + "=s3://bucket[/prefix]/ (or a directory), or set BUCKET");
    }
    noteSource(option, "variable BUCKET");
    return "s3://" + bucket + "/";
  }

  /** A time-limit option's value, which must be at least one second (a usage error otherwise). */
  public static Duration seconds(String option, int value) {
    if (value < 1) {
      throw new UsageException(option + " must be at least 1 (seconds), not " + value);
    }
    return Duration.ofSeconds(value);
  }

  public static String withSlash(String directory) {
    return directory.endsWith("/") ? directory : directory + "/";
  }
}
