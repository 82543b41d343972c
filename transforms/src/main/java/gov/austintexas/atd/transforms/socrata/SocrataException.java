package gov.austintexas.atd.transforms.socrata;

/**
 * A Socrata call that failed, with a message naming the dataset, the status, Socrata's own message
 * and its {@code X-Socrata-RequestId}, and never a credential. {@link #retryable()} is true for
 * 202, 429 and 5xx; 400, 401, 403, 404 and 413 are final.
 */
public class SocrataException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final int status;
  private final long retryAfterSeconds;

  SocrataException(String message, int status, long retryAfterSeconds) {
    super(message);
    this.status = status;
    this.retryAfterSeconds = retryAfterSeconds;
  }

  /** The HTTP status, or 0 when there was no answer (a timeout, a reset connection). */
  public int status() {
    return status;
  }

  /** From a 429's {@code Retry-After} (seconds), or -1 when it named none. */
  public long retryAfterSeconds() {
    return retryAfterSeconds;
  }

  public boolean retryable() {
    return status == 202 || status == 429 || status >= 500;
  }
}
