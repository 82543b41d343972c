package gov.austintexas.atd.pipelines;

import org.apache.beam.sdk.options.Description;

/**
 * The options every pipeline shares: where its run report goes, how it logs, where its
 * configuration is.
 */
public interface RunReportOptions extends LogOptions, ConfigDirOptions {

  @Description(
      "Directory for the run report, {pipeline}[-{subject}]-{UTC start}.json: s3://bucket[/prefix]/"
          + " or a local directory. Defaults next to the outputs: reports/ under --output"
          + " (finance-to-s3, microstrategy-to-s3), under --input (s3-to-socrata, bond-data) or"
          + " under --outputDir (bond-calculations, demo), else under s3://$BUCKET/ (bond-data,"
          + " bond-calculations; with neither, give --reportDir); plans/ under --input"
          + " (s3-to-knack, which also writes a dry run's plan here).")
  String getReportDir();

  void setReportDir(String value);
}
