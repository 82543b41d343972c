package gov.austintexas.atd.pipelines;

import java.util.List;
import java.util.stream.Stream;

/**
 * The run could not finish because a source, a server or the database could not be reached, or
 * timed out: exit code 1, like any unexpected failure, so a scheduler retries it; but the cause is
 * known, so the launcher prints the details instead of a stack trace.
 */
public class OutageException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final List<String> details;

  /**
   * {@code details}: the lines printed after the message, e.g. the run's summary and its failures.
   */
  @SafeVarargs
  public OutageException(String message, List<String>... details) {
    super(message);
    this.details = Stream.of(details).flatMap(List::stream).toList();
  }

  /** The lines to print after the one-line error (the run's summary, say). */
  public List<String> details() {
    return details;
  }
}
