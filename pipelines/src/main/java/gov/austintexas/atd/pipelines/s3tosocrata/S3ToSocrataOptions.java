package gov.austintexas.atd.pipelines.s3tosocrata;

import gov.austintexas.atd.pipelines.RunReportOptions;
import gov.austintexas.atd.pipelines.SocrataPortalOptions;
import gov.austintexas.atd.transforms.s3.S3AccessOptions;
import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;

/** Options of {@code s3-to-socrata}. */
public interface S3ToSocrataOptions
    extends S3AccessOptions, SocrataPortalOptions, RunReportOptions {

  @Description("Dataset to publish: task_orders, dept_units, fdus, subprojects or all.")
  @Default.String("all")
  String getDataset();

  void setDataset(String value);

  @Description(
      "Directory holding the finance JSON files: s3://bucket[/prefix]/ or a local directory. Falls"
          + " back to s3://$BUCKET/.")
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

  @Description("Rows per upsert request.")
  @Default.Integer(10_000)
  int getChunkSize();

  void setChunkSize(int value);
}
