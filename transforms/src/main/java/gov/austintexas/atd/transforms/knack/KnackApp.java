package gov.austintexas.atd.transforms.knack;

import gov.austintexas.atd.transforms.secrets.SecretMask;
import java.io.Serializable;
import java.net.URI;
import java.time.Duration;

/**
 * How to reach one Knack app: its name (e.g. {@code data-tracker}), credentials, API address, rate
 * limit and retry settings. Serializable so transforms can carry it to workers; {@link #toString()}
 * never shows the API key.
 *
 * @param requestsPerSecond the app's limit, shared by every request this worker sends to the app
 * @param timeout limit for each HTTP call
 * @param maxRetries retries of a call that failed with 429, 5xx, a timeout or a reset connection
 * @param initialBackoff first wait before retrying a 5xx or a timeout; doubles up to 30 s
 */
public record KnackApp(
    String name,
    String appId,
    String apiKey,
    URI apiUrl,
    double requestsPerSecond,
    Duration timeout,
    int maxRetries,
    Duration initialBackoff)
    implements Serializable {

  public static final URI DEFAULT_API_URL = URI.create("https://api.knack.com/v1");

  @Override
  public String toString() {
    return "KnackApp["
        + name
        + ", id="
        + appId
        + ", api="
        + SecretMask.inText(String.valueOf(apiUrl))
        + ", key=****]";
  }
}
