package gov.austintexas.atd.standins.demo;

import gov.austintexas.atd.pipelines.RunReportOptions;
import org.apache.beam.sdk.options.Description;

/** Options of {@code demo}. */
public interface DemoOptions extends RunReportOptions {
  String DEFAULT_OUTPUT_DIR = "demo-output";

  // No @Default: bond-calculations has an outputDir too, and Beam wants one default for both.
  @Description(
      "Local directory that receives the demo's outputs (created if absent); default demo-output.")
  String getOutputDir();

  void setOutputDir(String value);
}
