package gov.austintexas.atd.transforms.knack;

/**
 * A Knack API call that failed, with a message naming the app and the object. {@link #retryable()}
 * is true for 429 and 5xx; 400/401/403/404 are final; {@link #fatal()} only for 401/403.
 */
public class KnackException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final int status;
  private final long retryAtEpochSecond;

  KnackException(String message, int status, long retryAtEpochSecond) {
    super(message);
    this.status = status;
    this.retryAtEpochSecond = retryAtEpochSecond;
  }

  public int status() {
    return status;
  }

  public boolean retryable() {
    return status == 429 || status >= 500;
  }

  /** From {@code X-RateLimit-Reset} on a 429: when the app's limit allows requests again. */
  public long retryAtEpochSecond() {
    return retryAtEpochSecond;
  }

  /**
   * Wrong credentials: no other record could succeed. Everything else (400 for a bad value, 404 for
   * a record deleted since the read) belongs to one record.
   */
  public boolean fatal() {
    return status == 401 || status == 403;
  }
}
