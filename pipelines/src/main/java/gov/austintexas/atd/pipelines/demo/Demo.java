package gov.austintexas.atd.pipelines.demo;

import gov.austintexas.atd.pipelines.AtdPipeline;
import gov.austintexas.atd.pipelines.Resources;
import gov.austintexas.atd.pipelines.RunReport;
import gov.austintexas.atd.pipelines.finance.FinanceToS3;
import gov.austintexas.atd.pipelines.finance.FinanceToS3Options;
import gov.austintexas.atd.pipelines.knack.EmulatedKnackApps;
import gov.austintexas.atd.pipelines.knack.KnackMapping;
import gov.austintexas.atd.pipelines.knack.S3ToKnack;
import gov.austintexas.atd.pipelines.knack.S3ToKnackOptions;
import gov.austintexas.atd.emulators.knack.KnackEmulator;
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
 * {@code demo}: runs the pipelines on embedded stand-ins, with no server and no credentials:
 * {@code finance-to-s3} for every record type, from an in-memory H2 database of sample finance
 * data to a local folder, then {@code s3-to-knack} for every configured record type and app, from
 * those files to the Knack emulator on loopback. Production commands never fall back to sample
 * data.
 */
public class Demo implements AtdPipeline<DemoOptions> {
  static final String SAMPLE_FINANCE_DATA = "atd/sample/finance-sample.sql";

  private final FinanceToS3 financeToS3;
  private final S3ToKnack s3ToKnack;

  public Demo(FinanceToS3 financeToS3, S3ToKnack s3ToKnack) {
    this.financeToS3 = financeToS3;
    this.s3ToKnack = s3ToKnack;
  }

  @Override
  public String name() {
    return "demo";
  }

  @Override
  public String description() {
    return "the finance pipelines on embedded sample data and an emulated Knack, writing to a local folder";
  }

  @Override
  public Class<DemoOptions> optionsClass() {
    return DemoOptions.class;
  }

  @Override
  public List<String> run(DemoOptions options, RunReport report) throws Exception {
    report.defaultDirectory(Path.of(options.getOutputDir()).toAbsolutePath().resolve("reports") + "/");
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
    Path knackDir = Path.of(options.getOutputDir()).toAbsolutePath().resolve("knack");
    try (KnackEmulator knack = KnackEmulator.start()) {
      EmulatedKnackApps.define(knack, s3ToKnack.fieldMaps().all());
      for (KnackMapping mapping : s3ToKnack.fieldMaps().all()) {
        S3ToKnackOptions publish =
            PipelineOptionsFactory.fromArgs(
                    "--recordType=" + mapping.recordType(),
                    "--app=" + mapping.app(),
                    "--input=" + financeDir + "/",
                    "--knackApiUrl=" + knack.apiUrl(),
                    "--knackAppId=" + EmulatedKnackApps.appId(mapping.app()),
                    "--knackApiKey=" + EmulatedKnackApps.API_KEY,
                    "--deadLetterDir=" + knackDir + "/",
                    "--runner=" + options.getRunner().getSimpleName())
                .as(S3ToKnackOptions.class);
        for (String line : s3ToKnack.run(publish)) {
          summary.add("s3-to-knack " + line);
        }
      }
    }
    summary.add("demo: finance files are in " + financeDir + "; Knack dead letters (none expected) in " + knackDir);
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
