package gov.austintexas.atd.pipelines;

import com.fasterxml.jackson.annotation.JsonIgnore;
import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.PipelineOptions;

/**
 * The Socrata portal and its credentials, shared by {@code s3-to-socrata} and {@code
 * bond-calculations}. Secrets are {@code @JsonIgnore}, so they never reach serialized options.
 */
public interface SocrataPortalOptions extends PipelineOptions {

  @Description(
      "The Socrata portal: a host (data.austintexas.gov, reached over https) or a full URL. Falls"
          + " back to SO_WEB.")
  String getSocrataHost();

  void setSocrataHost(String value);

  @Description(
      "The Socrata app token. Falls back to SO_TOKEN (prefer it: command lines are visible).")
  @JsonIgnore
  String getSocrataAppToken();

  void setSocrataAppToken(String value);

  @Description(
      "Socrata user name or API key id, sent as HTTP Basic. Falls back to SO_USER, then SO_KEY.")
  String getSocrataUser();

  void setSocrataUser(String value);

  @Description(
      "Socrata password or API key secret. Falls back to SO_PASS, then SO_SECRET (prefer them:"
          + " command lines are visible).")
  @JsonIgnore
  String getSocrataPassword();

  void setSocrataPassword(String value);

  @Description("Seconds before a Socrata call times out.")
  @Default.Integer(120)
  int getSocrataTimeoutSeconds();

  void setSocrataTimeoutSeconds(int value);

  @Description(
      "Retries of a Socrata call that timed out, lost its connection, or got 202, 429 or 5xx.")
  @Default.Integer(5)
  int getSocrataMaxRetries();

  void setSocrataMaxRetries(int value);

  @Description(
      "First wait before retrying, in milliseconds; it doubles up to 60 s. A 429's Retry-After"
          + " wins.")
  @Default.Integer(1000)
  int getSocrataRetryBackoffMillis();

  void setSocrataRetryBackoffMillis(int value);
}
