package gov.austintexas.atd.pipelines;

import java.util.ArrayList;
import java.util.List;

/**
 * Some records could not be written after retries while the others were: exit code 4. The message
 * is the run's summary, then the headline (how many, where their dead letters are), then the
 * failures.
 */
public class WriteFailedException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final String headline;
  private final ArrayList<String> failures;

  public WriteFailedException(List<String> summary, String headline, List<String> failures) {
    super(String.join("\n", concat(summary, headline, failures)));
    this.headline = headline;
    this.failures = new ArrayList<>(failures);
  }

  /** One line: how many records failed and where their details are. */
  public String headline() {
    return headline;
  }

  public List<String> failures() {
    return failures;
  }

  private static List<String> concat(List<String> summary, String headline, List<String> failures) {
    List<String> all = new ArrayList<>(summary);
    all.add(headline);
    all.addAll(failures);
    return all;
  }
}
