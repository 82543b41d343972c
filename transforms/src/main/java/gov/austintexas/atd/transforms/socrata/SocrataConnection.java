package gov.austintexas.atd.transforms.socrata;

import gov.austintexas.atd.transforms.secrets.SecretMask;
import java.io.Serializable;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * How to reach a Socrata portal: its base URL, the app token (sent as {@code X-App-Token}), the
 * user name or API key id and its password or secret (sent as HTTP Basic), and the limits of each
 * call: timeout, retries and backoff. Serializable so transforms can carry it to workers; {@link
 * #toString()} never shows the token or the secret.
 */
public final class SocrataConnection implements Serializable {
  private static final long serialVersionUID = 1L;

  private final URI baseUrl;
  private final String appToken;
  private final String user;
  private final String secret;
  private final Duration timeout;
  private final int maxRetries;
  private final Duration initialBackoff;
  private final Duration maxBackoff;
  private final int readPageSize;
  private final Duration pollInterval;
  private final Duration processingLimit;

  private SocrataConnection(
      URI baseUrl,
      String appToken,
      String user,
      String secret,
      Duration timeout,
      int maxRetries,
      Duration initialBackoff,
      Duration maxBackoff,
      int readPageSize,
      Duration pollInterval,
      Duration processingLimit) {
    this.baseUrl = baseUrl;
    this.appToken = appToken;
    this.user = user;
    this.secret = secret;
    this.timeout = timeout;
    this.maxRetries = maxRetries;
    this.initialBackoff = initialBackoff;
    this.maxBackoff = maxBackoff;
    this.readPageSize = readPageSize;
    this.pollInterval = pollInterval;
    this.processingLimit = processingLimit;
  }

  /**
   * A connection with the default limits: 120 s per call, 5 retries, backoff from 1 s doubling to
   * 60 s, reads of 50,000 rows per page (SODA 2.1's largest {@code $limit}), and a revision's
   * processing (output schema, apply job) polled every second for at most 30 minutes.
   *
   * @param portal a host ({@code data.austintexas.gov}, taken as https) or a full URL ({@code
   *     http://127.0.0.1:8080})
   * @param user the user name or API key id; null sends no Basic auth
   * @param secret the password or API key secret
   */
  public static SocrataConnection of(String portal, String appToken, String user, String secret) {
    return new SocrataConnection(
        baseUrl(portal),
        appToken,
        user,
        secret,
        Duration.ofSeconds(120),
        5,
        Duration.ofSeconds(1),
        Duration.ofSeconds(60),
        50_000,
        Duration.ofSeconds(1),
        Duration.ofMinutes(30));
  }

  /** {@code host} as {@code https://host}; a URL as itself; never a trailing slash. */
  public static URI baseUrl(String portal) {
    Objects.requireNonNull(portal, "the Socrata portal");
    String url = portal.strip().contains("://") ? portal.strip() : "https://" + portal.strip();
    return URI.create(url.replaceAll("/+$", ""));
  }

  /** Time limit of one HTTP call, the whole exchange. */
  public SocrataConnection withTimeout(Duration value) {
    return new SocrataConnection(
        baseUrl,
        appToken,
        user,
        secret,
        value,
        maxRetries,
        initialBackoff,
        maxBackoff,
        readPageSize,
        pollInterval,
        processingLimit);
  }

  /** Retries of a call that timed out, lost its connection, or got 429, 5xx or 202. */
  public SocrataConnection withMaxRetries(int value) {
    return new SocrataConnection(
        baseUrl,
        appToken,
        user,
        secret,
        timeout,
        value,
        initialBackoff,
        maxBackoff,
        readPageSize,
        pollInterval,
        processingLimit);
  }

  /** First wait before a retry, doubling up to {@code max}; a 429's Retry-After wins when given. */
  public SocrataConnection withBackoff(Duration initial, Duration max) {
    return new SocrataConnection(
        baseUrl,
        appToken,
        user,
        secret,
        timeout,
        maxRetries,
        initial,
        max,
        readPageSize,
        pollInterval,
        processingLimit);
  }

  /** Rows per page of {@link SocrataClient#readAll}. */
  public SocrataConnection withReadPageSize(int rows) {
    return new SocrataConnection(
        baseUrl,
        appToken,
        user,
        secret,
        timeout,
        maxRetries,
        initialBackoff,
        maxBackoff,
        rows,
        pollInterval,
        processingLimit);
  }

  /**
   * How often a revision's processing is polled, and how long it may take in all: the output schema
   * before the apply, the apply job after it.
   */
  public SocrataConnection withPolling(Duration interval, Duration limit) {
    return new SocrataConnection(
        baseUrl,
        appToken,
        user,
        secret,
        timeout,
        maxRetries,
        initialBackoff,
        maxBackoff,
        readPageSize,
        interval,
        limit);
  }

  public Duration pollInterval() {
    return pollInterval;
  }

  public Duration processingLimit() {
    return processingLimit;
  }

  public URI baseUrl() {
    return baseUrl;
  }

  public String appToken() {
    return appToken;
  }

  public String user() {
    return user;
  }

  public String secret() {
    return secret;
  }

  public Duration timeout() {
    return timeout;
  }

  public int maxRetries() {
    return maxRetries;
  }

  public Duration initialBackoff() {
    return initialBackoff;
  }

  public Duration maxBackoff() {
    return maxBackoff;
  }

  public int readPageSize() {
    return readPageSize;
  }

  @Override
  public String toString() {
    return "SocrataConnection["
        + SecretMask.inText(String.valueOf(baseUrl))
        + ", user="
        + user
        + ", token=****, secret=****]";
  }
}
