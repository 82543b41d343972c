package gov.austintexas.atd.pipelines.socrata;

import com.fasterxml.jackson.annotation.JsonIgnore;
import gov.austintexas.atd.pipelines.RunReportOptions;
import gov.austintexas.atd.transforms.s3.S3AccessOptions;
import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;

/** Options of {@code s3-to-socrata}. */
public interface S3ToSocrataOptions extends S3AccessOptions, RunReportOptions {

  @Description("Dataset to publish: task_orders, dept_units, fdus, subprojects or all.")
  @Default.String("all")
  String getDataset();

  void setDataset(String value);

  @Description("Directory holding the finance JSON files: s3://bucket[/prefix]/ or a local directory. Falls back to s3://$BUCKET/.")
  String getInput();

  void setInput(String value);

  @Description("Socrata dataset id of task_orders (e.g. abcd-1234). Falls back to TASK_DATASET.")
  String getTaskOrdersDataset();

  void setTaskOrdersDataset(String value);

  @Description("Socrata dataset id of dept_units. Falls back to DEPT_UNITS_DATASET.")
  String getDeptUnitsDataset();

  void setDeptUnitsDataset(String value);

  @Description("Socrata dataset id of fdus. Falls back to FDU_DATASET.")
  String getFdusDataset();

  void setFdusDataset(String value);

  @Description("Socrata dataset id of subprojects. Falls back to SUBPROJECTS_DATASET.")
  String getSubprojectsDataset();

  void setSubprojectsDataset(String value);

  @Description("The Socrata portal: a host (data.austintexas.gov, reached over https) or a full URL. Falls back to SO_WEB.")
  String getSocrataHost();

  void setSocrataHost(String value);

  @Description("The Socrata app token. Falls back to SO_TOKEN (prefer it: command lines are visible).")
  @JsonIgnore
  String getSocrataAppToken();

  void setSocrataAppToken(String value);

  @Description("Socrata user name or API key id, sent as HTTP Basic. Falls back to SO_USER, then SO_KEY.")
  String getSocrataUser();

  void setSocrataUser(String value);

  @Description("Socrata password or API key secret. Falls back to SO_PASS, then SO_SECRET (prefer them: command lines are visible).")
  @JsonIgnore
  String getSocrataPassword();

  void setSocrataPassword(String value);

  @Description("Rows per upsert request.")
  @Default.Integer(10_000)
  int getChunkSize();

  void setChunkSize(int value);

  @Description("Seconds before a Socrata call times out.")
  @Default.Integer(120)
  int getSocrataTimeoutSeconds();

  void setSocrataTimeoutSeconds(int value);

  @Description("Retries of a Socrata call that timed out, lost its connection, or got 202, 429 or 5xx.")
  @Default.Integer(5)
  int getSocrataMaxRetries();

  void setSocrataMaxRetries(int value);

  @Description("First wait before retrying, in milliseconds; it doubles up to 60 s. A 429's Retry-After wins.")
  @Default.Integer(1000)
  int getSocrataRetryBackoffMillis();

  void setSocrataRetryBackoffMillis(int value);
}
