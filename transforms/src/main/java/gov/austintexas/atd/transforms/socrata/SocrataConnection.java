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
 *
 * @param timeout time limit of one HTTP call, the whole exchange
 * @param maxRetries retries of a call that timed out, lost its connection, or got 429, 5xx or 202
 * @param initialBackoff first wait before a retry, doubling up to {@code maxBackoff}; a 429's
 *     Retry-After wins when given
 * @param readPageSize rows per page of {@link SocrataClient#readAll}
 * @param pollInterval how often a revision's processing is polled
 * @param processingLimit how long a revision's processing may take in all: the output schema before
 *     the apply, the apply job after it
 */
public record SocrataConnection(
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
    Duration processingLimit)
    implements Serializable {

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

  /** See {@link #timeout()}. */
  public SocrataConnection withTimeout(Duration value) {
    Changed copy = new Changed(this);
    copy.timeout = value;
    return copy.connection();
  }

  /** See {@link #maxRetries()}. */
  public SocrataConnection withMaxRetries(int value) {
    Changed copy = new Changed(this);
    copy.maxRetries = value;
    return copy.connection();
  }

  /** See {@link #initialBackoff()}. */
  public SocrataConnection withBackoff(Duration initial, Duration max) {
    Changed copy = new Changed(this);
    copy.initialBackoff = initial;
    copy.maxBackoff = max;
    return copy.connection();
  }

  /** See {@link #readPageSize()}. */
  public SocrataConnection withReadPageSize(int rows) {
    Changed copy = new Changed(this);
    copy.readPageSize = rows;
    return copy.connection();
  }

  /** See {@link #pollInterval()} and {@link #processingLimit()}. */
  public SocrataConnection withPolling(Duration interval, Duration limit) {
    Changed copy = new Changed(this);
    copy.pollInterval = interval;
    copy.processingLimit = limit;
    return copy.connection();
  }

  @Override
  public String toString() {
    return "SocrataConnection["
        + SecretMask.inText(String.valueOf(baseUrl))
        + ", user="
        + user
        + ", token=****, secret=****]";
  }

  /** A connection's limits while a {@code with…} method changes some of them. */
  private static final class Changed {
    private final SocrataConnection from;
    private Duration timeout;
    private int maxRetries;
    private Duration initialBackoff;
    private Duration maxBackoff;
    private int readPageSize;
    private Duration pollInterval;
    private Duration processingLimit;

    Changed(SocrataConnection from) {
      this.from = from;
      timeout = from.timeout;
      maxRetries = from.maxRetries;
      initialBackoff = from.initialBackoff;
      maxBackoff = from.maxBackoff;
      readPageSize = from.readPageSize;
      pollInterval = from.pollInterval;
      processingLimit = from.processingLimit;
    }

    SocrataConnection connection() {
      return new SocrataConnection(
          from.baseUrl,
          from.appToken,
          from.user,
          from.secret,
          timeout,
          maxRetries,
          initialBackoff,
          maxBackoff,
          readPageSize,
          pollInterval,
          processingLimit);
    }
  }
}
