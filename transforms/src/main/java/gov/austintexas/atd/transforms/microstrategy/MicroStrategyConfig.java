package gov.austintexas.atd.transforms.microstrategy;

import gov.austintexas.atd.transforms.secrets.SecretMask;
import java.io.Serializable;
import java.time.Duration;

/**
 * Where and how to reach a MicroStrategy REST API. {@link #toString()} never shows the password.
 *
 * @param baseUrl the Library root, e.g. {@code https://host/MicroStrategyLibrary}; a trailing
 *     {@code /api} (the old tool's form) is accepted too
 * @param requestTimeout the longest any one call may take, from request to the end of the body
 * @param maxRetries retries of one failed call (a page, a login) before the read fails
 * @param firstBackoff the wait before the first retry; it doubles up to 10 s
 */
public record MicroStrategyConfig(
    String baseUrl,
    String username,
    String password,
    String projectId,
    Duration requestTimeout,
    int maxRetries,
    Duration firstBackoff)
    implements Serializable {

  public MicroStrategyConfig {
    baseUrl = apiRoot(baseUrl);
  }

  /**
   * {@code https://host/MicroStrategyLibrary/api/} with or without {@code /api} → the Library root.
   */
  private static String apiRoot(String url) {
    String root = url.strip();
    while (root.endsWith("/")) {
      root = root.substring(0, root.length() - 1);
    }
    return root.endsWith("/api") ? root.substring(0, root.length() - "/api".length()) : root;
  }

  @Override
  public String toString() {
    return "MicroStrategyConfig[baseUrl="
        + SecretMask.inText(baseUrl)
        + ", username="
        + username
        + ", password=****, projectId="
        + projectId
        + ", requestTimeout="
        + requestTimeout
        + ", maxRetries="
        + maxRetries
        + "]";
  }
}
