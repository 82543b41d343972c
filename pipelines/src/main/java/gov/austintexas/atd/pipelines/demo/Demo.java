package gov.austintexas.atd.pipelines.demo;

import gov.austintexas.atd.pipelines.AtdPipeline;
import gov.austintexas.atd.pipelines.Resources;
import gov.austintexas.atd.pipelines.finance.FinanceToS3;
import gov.austintexas.atd.pipelines.finance.FinanceToS3Options;
import gov.austintexas.atd.transforms.jdbc.SqlScript;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.beam.sdk.options.PipelineOptionsFactory;

/**
 * {@code demo}: runs the pipelines on embedded stand-ins, with no server and no credentials.
 * Today that is {@code finance-to-s3} for every record type, from an in-memory H2 database of
 * sample finance data to a local folder. Production commands never fall back to sample data.
 */
public class Demo implements AtdPipeline<DemoOptions> {
  static final String SAMPLE_FINANCE_DATA = "atd/sample/finance-sample.sql";

  private final FinanceToS3 financeToS3;

  public Demo(FinanceToS3 financeToS3) {
    this.financeToS3 = financeToS3;
  }

  @Override
  public String name() {
    return "demo";
  }

  @Override
  public String description() {
    return "every built pipeline on embedded sample data, writing to a local folder";
  }

  @Override
  public Class<DemoOptions> optionsClass() {
    return DemoOptions.class;
  }

  @Override
  public List<String> run(DemoOptions options) throws Exception {
    Path financeDir = Path.of(options.getOutputDir()).toAbsolutePath().resolve("finance");
    String jdbcUrl = "jdbc:h2:mem:atd-demo-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
    List<String> summary = new ArrayList<>();
    // The open connection keeps the in-memory database alive until the demo is done.
    try (Connection database = DriverManager.getConnection(jdbcUrl)) {
      load(database, SAMPLE_FINANCE_DATA);
      for (String recordType : financeToS3.recordTypes().names()) {
        FinanceToS3Options extract =
            PipelineOptionsFactory.fromArgs(
                    "--recordType=" + recordType,
                    "--jdbcUrl=" + jdbcUrl,
                    "--output=" + financeDir + "/",
                    "--runner=" + options.getRunner().getSimpleName())
                .as(FinanceToS3Options.class);
        for (String line : financeToS3.run(extract)) {
          summary.add("finance-to-s3 " + line);
        }
      }
      try (Statement statement = database.createStatement()) {
        statement.execute("SHUTDOWN");
      }
    }
    summary.add("demo: outputs are in " + financeDir);
    return summary;
  }

  private static void load(Connection database, String resource) throws SQLException {
    try (Statement statement = database.createStatement()) {
      for (String sql : SqlScript.statements(Resources.text(resource))) {
        statement.execute(sql);
      }
    }
  }
}
