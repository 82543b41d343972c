package gov.austintexas.atd.pipelines.s3toknack;

import com.fasterxml.jackson.annotation.JsonIgnore;
import gov.austintexas.atd.pipelines.RunReportOptions;
import gov.austintexas.atd.transforms.knack.KnackDiff;
import gov.austintexas.atd.transforms.s3.S3AccessOptions;
import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.Validation;

/** Options of {@code s3-to-knack}. */
public interface S3ToKnackOptions extends S3AccessOptions, RunReportOptions {

  @Description(
      "Record type to publish: task_orders, units, subprojects, objects or master_agreements.")
  @Validation.Required
  String getRecordType();

  void setRecordType(String value);

  @Description(
      "Knack app to publish to, as named in src/finance/knack-field-maps.json: data-tracker or"
          + " finance-purchasing.")
  @Validation.Required
  String getApp();

  void setApp(String value);

  @Description(
      "Directory holding {recordType}.json: s3://bucket[/prefix]/ or a local directory. Falls back"
          + " to s3://$BUCKET/.")
  String getInput();

  void setInput(String value);

  @Description("The Knack app's id. Falls back to KNACK_APP_ID.")
  String getKnackAppId();

  void setKnackAppId(String value);

  @Description(
      "The Knack app's REST API key. Falls back to KNACK_API_KEY (prefer it: command lines are"
          + " visible).")
  @JsonIgnore
  String getKnackApiKey();

  void setKnackApiKey(String value);

  @Description(
      "Knack API base URL; accounts on a dedicated host use https://{slug}-api.knack.com/v1.")
  @Default.String("https://api.knack.com/v1")
  String getKnackApiUrl();

  void setKnackApiUrl(String value);

  @Description(
      "Requests per second to the app, for all of this run's reads, lookups and writes on any"
          + " runner (Knack allows 10 per app; two runs against one app each take this rate).")
  @Default.Double(10)
  double getRequestsPerSecond();

  void setRequestsPerSecond(double value);

  @Description("Seconds before a Knack call times out.")
  @Default.Integer(30)
  int getKnackTimeoutSeconds();

  void setKnackTimeoutSeconds(int value);

  @Description(
      "Retries of a Knack call that failed with 429, 5xx, a timeout or a reset connection.")
  @Default.Integer(8)
  int getKnackMaxRetries();

  void setKnackMaxRetries(int value);

  @Description(
      "First wait before retrying a 5xx or a timeout, in milliseconds; it doubles up to 30 s.")
  @Default.Integer(1000)
  int getKnackRetryBackoffMillis();

  void setKnackRetryBackoffMillis(int value);

  @Description(
      "Directory for {recordType}-{app}-dead-letters.json: the records that could not be written,"
          + " with the reason (an empty array when all were). Defaults to dead-letters/ under"
          + " --input.")
  String getDeadLetterDir();

  void setDeadLetterDir(String value);

  @Description("Compute the plan and write it to --reportDir without writing to Knack.")
  @Default.Boolean(false)
  boolean getDryRun();

  void setDryRun(boolean value);

  @Description(
      "Plan against a file of Knack records (a JSON array as the API returns them) instead of"
          + " reading the app. Only with --dryRun.")
  String getKnackRecordsFile();

  void setKnackRecordsFile(String value);

  @Description(
      "Refuse to apply a plan that would update more than this share of the object's Knack records"
          + " (0 to 1; 1 turns the check off). The run then fails with exit code 3 before any"
          + " write; review the plan with --dryRun.")
  @Default.Double(0.5)
  double getMaxUpdateShare();

  void setMaxUpdateShare(double value);

  @Description(
      "Apply the plan even when it updates more than --maxUpdateShare of the Knack records.")
  @Default.Boolean(false)
  boolean getAllowMassUpdate();

  void setAllowMassUpdate(boolean value);

  @Description(
      "Refuse to apply a plan that would create more than this share of the object's current Knack"
          + " record count (0 to 1; an object with no records always passes). The run then fails"
          + " with exit code 3 before any write.")
  @Default.Double(0.5)
  double getMaxCreateShare();

  void setMaxCreateShare(double value);

  @Description(
      "Apply the plan even when it creates more than --maxCreateShare of the Knack record count.")
  @Default.Boolean(false)
  boolean getAllowMassCreate();

  void setAllowMassCreate(boolean value);

  @Description(
      "Keys per lookup: before a batch of creates is sent, its keys are looked up in Knack with one"
          + " list call per this many keys (an \"or\" filter), and keys found are updated instead"
          + " of created (1 to 100).")
  @Default.Integer(25)
  int getKeysPerLookup();

  void setKeysPerLookup(int value);

  @Description(
      "How many fewer records than Knack's total_records a read may return and still count as"
          + " complete (Knack's total can be a little off); more missing stops the run before any"
          + " write.")
  @Default.Integer(10)
  int getKnackTotalTolerance();

  void setKnackTotalTolerance(int value);

  @Description(
      "Hash buckets of the record key that the plan joins in: one group per bucket. Few suit the"
          + " DirectRunner, which pays per group; on a Flink or Dataflow cluster give at least a"
          + " few per worker.")
  @Default.Integer(KnackDiff.DEFAULT_BUCKETS)
  int getJoinBuckets();

  void setJoinBuckets(int value);
}
