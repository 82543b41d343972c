package gov.austintexas.atd.pipelines.demo;

import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.PipelineOptions;

/** Options of {@code sandbox}. */
public interface SandboxOptions extends PipelineOptions {

  @Description("Local directory of the sandbox: its bucket folder goes here (created if absent).")
  @Default.String("atd-sandbox")
  String getSandboxDir();

  void setSandboxDir(String value);
}
