package gov.austintexas.atd.pipelines.demo;

import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import gov.austintexas.atd.pipelines.RunReportOptions;

/** Options of {@code demo}. */
public interface DemoOptions extends RunReportOptions {

  @Description("Local directory that receives the demo's outputs (created if absent).")
  @Default.String("demo-output")
  String getOutputDir();

  void setOutputDir(String value);
}
