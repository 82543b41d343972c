package gov.austintexas.atd.pipelines;

import gov.austintexas.atd.transforms.socrata.SocrataConnection;
import java.time.Duration;
import java.util.List;

/** Resolves {@link SocrataPortalOptions}, with the old scripts' SO_* variables as fallbacks. */
public final class SocrataPortal {
  private SocrataPortal() {}

  /**
   * The connection, or null with every missing setting named in {@code missing} (so one usage error
   * can list them all).
   */
  public static SocrataConnection connection(
      SocrataPortalOptions options, Settings settings, List<String> missing) {
    String portal = settings.required(options.getSocrataHost(), "SO_WEB", "--socrataHost", missing);
    String token =
        settings.requiredHeaderValue(
            options.getSocrataAppToken(), "SO_TOKEN", "--socrataAppToken", missing);
    // A user and password (SO_USER/SO_PASS) or an API key id and secret (SO_KEY/SO_SECRET).
    boolean keyPair =
        settings.orEnv(null, "SO_USER") == null && settings.orEnv(null, "SO_KEY") != null;
    String user =
        settings.required(
            options.getSocrataUser(), keyPair ? "SO_KEY" : "SO_USER", "--socrataUser", missing);
    String secret =
        settings.required(
            options.getSocrataPassword(),
            keyPair ? "SO_SECRET" : "SO_PASS",
            "--socrataPassword",
            missing);
    if (portal == null) {
      return null;
    }
    if (portal.contains("://")) {
      Settings.httpUrl(portal, options.getSocrataHost() != null ? "--socrataHost" : "SO_WEB");
    } else {
      Settings.httpUrl(
          "https://" + portal, options.getSocrataHost() != null ? "--socrataHost" : "SO_WEB");
    }
    return SocrataConnection.of(portal, token, user, secret)
        .withTimeout(
            Settings.seconds("--socrataTimeoutSeconds", options.getSocrataTimeoutSeconds()))
        .withMaxRetries(options.getSocrataMaxRetries())
        .withBackoff(
            Duration.ofMillis(options.getSocrataRetryBackoffMillis()), Duration.ofSeconds(60));
  }
}
