package gov.austintexas.atd.pipelines.microstrategytos3;

import com.fasterxml.jackson.annotation.JsonIgnore;
import gov.austintexas.atd.pipelines.RunReportOptions;
import gov.austintexas.atd.transforms.s3.S3AccessOptions;
import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.Validation;

/** Options of {@code microstrategy-to-s3}. The old tool's variables fill any setting not given. */
public interface MicrostrategyToS3Options extends S3AccessOptions, RunReportOptions {

  @Description(
      "Report to run, by its name in src/bond/reports.json, e.g. \"2020 Bond Expenses Obligated\". "
          + "The file written is {reportName}.csv.")
  @Validation.Required
  String getReportName();

  void setReportName(String value);

  @Description(
      "Directory that receives {reportName}.csv: s3://bucket[/prefix]/ or a local directory. "
          + "Falls back to s3://$BUCKET/.")
  String getOutput();

  void setOutput(String value);

  @Description(
      "MicroStrategy Library URL, e.g. https://host/MicroStrategyLibrary. Falls back to BASE_URL.")
  String getMstrBaseUrl();

  void setMstrBaseUrl(String value);

  @Description("MicroStrategy user (standard login). Falls back to MSTRO_USERNAME.")
  String getMstrUser();

  void setMstrUser(String value);

  @Description(
      "MicroStrategy password. Falls back to MSTRO_PASSWORD; prefer the variable: a command line is"
          + " visible to other users of the machine.")
  @JsonIgnore
  String getMstrPassword();

  void setMstrPassword(String value);

  @Description("MicroStrategy project id. Falls back to PROJECT_ID.")
  String getMstrProjectId();

  void setMstrProjectId(String value);

  @Description("Report rows per request.")
  @Default.Integer(5000)
  int getPageSize();

  void setPageSize(int value);

  @Description(
      "Page requests in flight at once. 1 reads the pages one after the other, for a server that "
          + "does not take parallel requests in one session.")
  @Default.Integer(4)
  int getParallelPages();

  void setParallelPages(int value);

  @Description("The longest one MicroStrategy call may take, in seconds, before it is retried.")
  @Default.Integer(120)
  int getMstrTimeoutSeconds();

  void setMstrTimeoutSeconds(int value);

  @Description(
      "Retries of one failed call (a timeout, a dropped connection, a 5xx) before the run fails.")
  @Default.Integer(5)
  int getMstrMaxRetries();

  void setMstrMaxRetries(int value);
}
