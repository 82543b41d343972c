package gov.austintexas.atd.pipelines.bondcalculations;

import gov.austintexas.atd.pipelines.BondDatabaseOptions;
import gov.austintexas.atd.pipelines.RunReportOptions;
import gov.austintexas.atd.pipelines.SocrataPortalOptions;
import gov.austintexas.atd.transforms.s3.S3AccessOptions;
import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;

/** Options of {@code bond-calculations}. */
public interface BondCalculationsOptions
    extends BondDatabaseOptions, S3AccessOptions, SocrataPortalOptions, RunReportOptions {

  @Description(
      "Also write each dataset as a JSON array file in this directory (s3://bucket/prefix/ or a"
          + " local path).")
  String getOutputDir();

  void setOutputDir(String value);

  @Description("Compute and write the --outputDir files only; publish nothing to Socrata.")
  @Default.Boolean(false)
  boolean getDryRun();

  void setDryRun(boolean value);

  @Description(
      "Rows per upload chunk at most (the portal's preferred chunk size in bytes also caps a"
          + " chunk). Each dataset is replaced through one Socrata revision: readers see its"
          + " previous rows until the revision is applied.")
  @Default.Integer(10_000)
  int getChunkSize();

  void setChunkSize(int value);

  @Description("Rows fetched per round trip when reading the bond tables.")
  @Default.Integer(10_000)
  int getFetchSize();

  void setFetchSize(int value);

  @Description("Socrata id of the 2020 bond expenses of every fiscal year.")
  @Default.String("vs3t-h2aj")
  String getExpenses2020CurrentDataset();

  void setExpenses2020CurrentDataset(String value);

  @Description("Socrata id of the 2020 bond expenses of the fiscal years before the latest.")
  @Default.String("jdna-s8qn")
  String getExpenses2020PreviousDataset();

  void setExpenses2020PreviousDataset(String value);

  @Description("Socrata id of the all bonds expenses.")
  @Default.String("rrww-ybw6")
  String getAllBondsExpensesDataset();

  void setAllBondsExpensesDataset(String value);

  @Description("Socrata id of the 2020 bond summary of the current fiscal year (FY*).")
  @Default.String("hq9n-d77y")
  String getSummary2020CurrentDataset();

  void setSummary2020CurrentDataset(String value);

  @Description("Socrata id of the 2020 bond summary of the previous fiscal year (FY* - 1).")
  @Default.String("5ewg-ssu3")
  String getSummary2020PreviousDataset();

  void setSummary2020PreviousDataset(String value);

  @Description("Socrata id of the all bonds metadata (program names with appropriations).")
  @Default.String("9ufs-k2md")
  String getAllBondsMetadataDataset();

  void setAllBondsMetadataDataset(String value);

  @Description("Socrata id of the all bonds lookup (AIMS to dashboard ids).")
  @Default.String("mri6-eexh")
  String getAllBondsLookupDataset();

  void setAllBondsLookupDataset(String value);
}
