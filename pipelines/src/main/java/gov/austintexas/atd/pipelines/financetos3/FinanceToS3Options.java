package gov.austintexas.atd.pipelines.financetos3;

import gov.austintexas.atd.pipelines.RunReportOptions;
import gov.austintexas.atd.transforms.s3.S3AccessOptions;
import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.Validation;

/** Options of {@code finance-to-s3}. */
public interface FinanceToS3Options
    extends FinanceDatabaseOptions, S3AccessOptions, RunReportOptions {

  @Description(
      "Record type to extract, as configured in src/finance/record-types.json: task_orders, "
          + "units, objects, master_agreements, fdus or subprojects.")
  @Validation.Required
  String getRecordType();

  void setRecordType(String value);

  @Description(
      "Directory that receives {recordType}.json: s3://bucket[/prefix]/ or a local directory. "
          + "Falls back to s3://$BUCKET/.")
  String getOutput();

  void setOutput(String value);

  @Description(
      "Refuse to replace {recordType}.json when the new extract has fewer rows than this share of"
          + " the old file's (0 to 1; 0 turns the check off). The run then fails with exit code 3"
          + " and the old file stays.")
  @Default.Double(0.5)
  double getMinRowShare();

  void setMinRowShare(double value);

  @Description(
      "Replace {recordType}.json even when the new extract has fewer rows than --minRowShare of the"
          + " old file's.")
  @Default.Boolean(false)
  boolean getAllowShrink();

  void setAllowShrink(boolean value);
}
