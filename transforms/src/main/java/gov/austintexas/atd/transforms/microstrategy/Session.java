package gov.austintexas.atd.transforms.microstrategy;

/**
 * A logged-in session: the auth token and the cookies (JSESSIONID, and any load-balancer cookie)
 * that go on every later call. {@link #toString()} shows neither.
 */
public record Session(String authToken, String cookieHeader) {
  @Override
  public String toString() {
    return "Session[****]";
  }
}
