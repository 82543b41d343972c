package gov.austintexas.atd.pipelines;

import gov.austintexas.atd.transforms.jdbc.JdbcTimeouts;
import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.PipelineOptions;

/** The time limits of every database connection a pipeline opens (see {@link JdbcTimeouts}). */
public interface DatabaseTimeoutOptions extends PipelineOptions {

  @Description("The longest wait, in seconds, to open a database connection.")
  @Default.Integer(30)
  int getDbConnectTimeoutSeconds();

  void setDbConnectTimeoutSeconds(int value);

  @Description(
      "The longest wait, in seconds, for any one answer from the database server (a read on its"
          + " socket); a server that went silent fails the run after this.")
  @Default.Integer(1200)
  int getDbSocketTimeoutSeconds();

  void setDbSocketTimeoutSeconds(int value);

  @Description("The longest time, in seconds, any one SQL statement may run.")
  @Default.Integer(900)
  int getDbStatementTimeoutSeconds();

  void setDbStatementTimeoutSeconds(int value);

  /** The limits, each checked to be at least one second (a usage error otherwise). */
  static JdbcTimeouts timeouts(DatabaseTimeoutOptions options) {
    return new JdbcTimeouts(
        Settings.seconds("--dbConnectTimeoutSeconds", options.getDbConnectTimeoutSeconds()),
        Settings.seconds("--dbSocketTimeoutSeconds", options.getDbSocketTimeoutSeconds()),
        Settings.seconds("--dbStatementTimeoutSeconds", options.getDbStatementTimeoutSeconds()),
        JdbcTimeouts.DEFAULT.lock());
  }
}
