package gov.austintexas.atd.pipelines;

/**
 * Some records could not be written after retries while the others were: exit code 4. The
 * message says how many and where their dead letters are.
 */
public class WriteFailedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public WriteFailedException(String message) {
    super(message);
  }
}
