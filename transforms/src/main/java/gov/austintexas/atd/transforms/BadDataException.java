package gov.austintexas.atd.transforms;

/**
 * The input data is wrong (no rows, an invalid value, ...), as opposed to a broken connection or a
 * bug. The launcher maps it to its own exit code, so a scheduler can tell the two apart.
 */
public class BadDataException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public BadDataException(String message) {
    super(message);
  }
}
