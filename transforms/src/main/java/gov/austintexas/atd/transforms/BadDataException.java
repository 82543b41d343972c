package gov.austintexas.atd.transforms;

import java.util.List;

/**
 * The input data is wrong (no rows, an invalid value, ...), as opposed to a broken connection or a
 * bug. The launcher maps it to its own exit code, so a scheduler can tell the two apart.
 */
public class BadDataException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final List<String> details;

  public BadDataException(String message) {
    this(message, List.of());
  }

  /** With lines to print after the one-line message, such as the first invalid rows. */
  public BadDataException(String message, List<String> details) {
    super(message);
    this.details = List.copyOf(details);
  }

  public List<String> details() {
    return details;
  }
}
