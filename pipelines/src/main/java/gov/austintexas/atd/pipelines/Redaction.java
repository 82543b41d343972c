package gov.austintexas.atd.pipelines;

import gov.austintexas.atd.transforms.secrets.SecretMask;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.beam.sdk.options.PipelineOptions;

/**
 * The launcher's last line of defence: every line it prints or puts in a run report goes through
 * here, which masks passwords inside URLs ({@link SecretMask}) and every known secret value (the
 * secret variables of the environment and the secret options given), wherever it appears: in an
 * exception message, a stack trace or a summary.
 */
final class Redaction {
  /**
   * Variables that hold a secret (PASSWORD, PGPASSWORD, SO_PASS, KNACK_API_KEY, SO_TOKEN,
   * AWS_SECRET_ACCESS_KEY, …).
   */
  static final Pattern SECRET_VARIABLE = Pattern.compile("(?i).*(pass|secret|token|key).*");

  /** Shorter values would mask ordinary words; no real secret is this short. */
  private static final int SHORTEST = 4;

  private final List<String> secrets;

  private Redaction(Set<String> secrets) {
    List<String> longestFirst = new ArrayList<>(secrets);
    longestFirst.sort(Comparator.comparingInt(String::length).reversed());
    this.secrets = longestFirst;
  }

  static Redaction of(Map<String, String> environment, PipelineOptions options) {
    Set<String> secrets = new LinkedHashSet<>();
    environment.forEach(
        (name, value) -> {
          if (SECRET_VARIABLE.matcher(name).matches()) {
            add(secrets, value);
          }
        });
    if (options != null) {
      MaskedOptions.secretValues(options).forEach(value -> add(secrets, value));
    }
    return new Redaction(secrets);
  }

  /** The value as given and as used (trimmed), and each of its lines. */
  private static void add(Set<String> secrets, String value) {
    if (value == null) {
      return;
    }
    for (String form : List.of(value, value.strip())) {
      if (form.length() >= SHORTEST) {
        secrets.add(form);
      }
    }
    for (String line : value.split("[\\r\\n]+")) {
      if (line.strip().length() >= SHORTEST) {
        secrets.add(line.strip());
      }
    }
  }

  String apply(String text) {
    if (text == null) {
      return null;
    }
    String masked = text;
    for (String secret : secrets) {
      masked = masked.replace(secret, SecretMask.MASK);
    }
    return SecretMask.inText(masked);
  }

  List<String> apply(List<String> lines) {
    return lines.stream().map(this::apply).toList();
  }
}
