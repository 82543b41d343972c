package gov.austintexas.atd.standins.sandbox;

import gov.austintexas.atd.pipelines.RunReportOptions;
import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;

/** Options of {@code sandbox}. */
public interface SandboxOptions extends RunReportOptions {

  @Description("Local directory of the sandbox: its bucket folder goes here (created if absent).")
  @Default.String("atd-sandbox")
  String getSandboxDir();

  void setSandboxDir(String value);
}
