package gov.austintexas.atd.pipelines;

/** A configuration or usage error, reported as one line with exit code 2 before any I/O. */
public class UsageException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public UsageException(String message) {
    super(message);
  }
}
