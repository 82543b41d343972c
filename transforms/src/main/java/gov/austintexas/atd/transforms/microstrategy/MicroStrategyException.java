package gov.austintexas.atd.transforms.microstrategy;

/**
 * An error answer from MicroStrategy: the HTTP status and the error code and message of its body
 * ({@code {"code":"ERR001","message":...}}). Messages never hold a token or a password.
 */
public class MicroStrategyException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final int status;
  private final String code;

  public MicroStrategyException(String message, int status, String code) {
    super(message);
    this.status = status;
    this.code = code;
  }

  public int status() {
    return status;
  }

  public String code() {
    return code;
  }

  /** Server trouble or throttling, worth another try; any other 4xx is a mistake of ours. */
  public boolean isTransient() {
    return status >= 500 || status == 429 || status == 408;
  }

  /** 401 on a call made with a session: the session expired (they time out when idle). */
  public static class SessionExpired extends MicroStrategyException {
    private static final long serialVersionUID = 1L;

    public SessionExpired(String message, String code) {
      super(message, 401, code);
    }
  }

  /** 401 on login: wrong user name or password (ERR003). Retrying cannot help. */
  public static class LoginRefused extends MicroStrategyException {
    private static final long serialVersionUID = 1L;

    public LoginRefused(String message, String code) {
      super(message, 401, code);
    }
  }

  /**
   * 404 for a report instance after the session was renewed: the instance lived in the expired
   * session, so the read cannot resume it and starts over on a new instance.
   */
  public static class InstanceLost extends MicroStrategyException {
    private static final long serialVersionUID = 1L;

    public InstanceLost(String message, String code) {
      super(message, 404, code);
    }
  }
}
