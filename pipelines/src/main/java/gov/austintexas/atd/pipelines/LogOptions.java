package gov.austintexas.atd.pipelines;

import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.PipelineOptions;

/** How a run logs, and the id that ties its log lines to its run report (see {@link LogSetup}). */
public interface LogOptions extends PipelineOptions {

  @Description(
      "Log level: trace, debug, info, warn, error or off. Falls back to ATD_LOG_LEVEL, then info.")
  String getLogLevel();

  void setLogLevel(String value);

  @Description(
      "Log format on stderr: text, or json (one object per line: time, level, logger, thread,"
          + " message, runId, exception). Falls back to ATD_LOG_FORMAT, then text.")
  String getLogFormat();

  void setLogFormat(String value);

  @Description(
      "The run's id, on every log line and in the run report, e.g. a scheduler's run id (Airflow's"
          + " {{ run_id }}): letters, digits and . _ : + @ - (at most 200). Default: a random"
          + " UUID.")
  String getRunId();

  void setRunId(String value);
}
