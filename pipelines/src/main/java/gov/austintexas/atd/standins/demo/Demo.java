package gov.austintexas.atd.standins.demo;

import gov.austintexas.atd.pipelines.AtdPipeline;
import gov.austintexas.atd.pipelines.Resources;
import gov.austintexas.atd.pipelines.RunReport;
import gov.austintexas.atd.pipelines.RunReportOptions;
import gov.austintexas.atd.pipelines.bondcalculations.BondCalculations;
import gov.austintexas.atd.pipelines.bondcalculations.BondCalculationsOptions;
import gov.austintexas.atd.pipelines.bonddata.BondData;
import gov.austintexas.atd.pipelines.bonddata.BondDataOptions;
import gov.austintexas.atd.pipelines.financetos3.FinanceToS3;
import gov.austintexas.atd.pipelines.financetos3.FinanceToS3Options;
import gov.austintexas.atd.pipelines.microstrategytos3.MicrostrategyToS3;
import gov.austintexas.atd.pipelines.microstrategytos3.MicrostrategyToS3Options;
import gov.austintexas.atd.pipelines.s3toknack.KnackMapping;
import gov.austintexas.atd.pipelines.s3toknack.S3ToKnack;
import gov.austintexas.atd.pipelines.s3toknack.S3ToKnackOptions;
import gov.austintexas.atd.pipelines.s3tosocrata.S3ToSocrata;
import gov.austintexas.atd.pipelines.s3tosocrata.S3ToSocrataOptions;
import gov.austintexas.atd.standins.knack.KnackEmulator;
import gov.austintexas.atd.standins.microstrategy.MicroStrategyEmulator;
import gov.austintexas.atd.standins.socrata.SocrataEmulator;
import gov.austintexas.atd.transforms.jdbc.SqlScript;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.beam.sdk.options.PipelineOptionsFactory;

/**
 * {@code demo}: runs the six pipelines in order on embedded stand-ins, with no server and no
 * credentials: an in-memory H2 database of sample finance data for Oracle, a local folder for the
 * buckets, the Knack, Socrata and MicroStrategy emulators on loopback, and H2 in PostgreSQL mode
 * (or the PostgreSQL of {@code ATD_DEMO_JDBC_URL}) for the bond warehouse.
 *
 * <p>The pipelines are built with an empty environment, so a user's real variables (PGUSER,
 * KNACK_API_KEY, ...) never leak into the demo. Production commands never fall back to sample data.
 */
public class Demo implements AtdPipeline<DemoOptions> {
  public static final String SAMPLE_FINANCE_DATA = "atd/sample/finance-sample.sql";

  private final Map<String, String> environment;
  private final FinanceToS3 financeToS3 = new FinanceToS3(Map.of());
  private final S3ToKnack s3ToKnack = new S3ToKnack(Map.of());
  private final S3ToSocrata s3ToSocrata = new S3ToSocrata(Map.of());
  private final MicrostrategyToS3 microstrategyToS3 = new MicrostrategyToS3(Map.of());
  private final BondData bondData = new BondData(Map.of());
  private final BondCalculations bondCalculations = new BondCalculations(Map.of());

  /** {@code environment} is read only for {@code ATD_DEMO_JDBC_*}, the warehouse. */
  public Demo(Map<String, String> environment) {
    this.environment = environment;
  }

  @Override
  public String name() {
    return "demo";
  }

  @Override
  public String description() {
    return "all six pipelines on embedded sample data and emulated services, writing to a local"
        + " folder";
  }

  @Override
  public Class<DemoOptions> optionsClass() {
    return DemoOptions.class;
  }

  @Override
  public List<String> run(DemoOptions options, RunReport report) throws Exception {
    String outputDir =
        options.getOutputDir() == null ? DemoOptions.DEFAULT_OUTPUT_DIR : options.getOutputDir();
    Path out = Path.of(outputDir).toAbsolutePath();
    // Not reports/: that folder holds the MicroStrategy reports, as in the bucket.
    report.defaultDirectory(out.resolve("run-reports") + "/");
    DemoRun run = new DemoRun(out, options.getRunner().getSimpleName());
    DemoWarehouse warehouse = DemoWarehouse.from(environment);
    try (KnackEmulator knack = KnackEmulator.start();
        SocrataEmulator socrata = EmulatedSocrata.start();
        MicroStrategyEmulator microStrategy = EmulatedMicroStrategy.start();
        // An open connection keeps an in-memory warehouse alive from bond-data to
        // bond-calculations.
        Connection warehouseConnection =
            DriverManager.getConnection(
                warehouse.jdbcUrl(), warehouse.user(), warehouse.password())) {
      extractFinance(run);
      publishToKnack(run, knack);
      publishToSocrata(run, socrata);
      extractBondReports(run, microStrategy);
      loadBondData(run, warehouse);
      calculateBondDatasets(run, warehouse, socrata);
      if (warehouse.isH2()) {
        shutdown(warehouseConnection);
      }
    }
    run.summary().add("demo: warehouse: " + warehouse.description());
    run.summary().add("demo: outputs:");
    for (String dir :
        List.of("finance", "knack", "reports", "sheets", "bond", "bond-calculations")) {
      run.summary().add("  " + out.resolve(dir));
    }
    return run.summary();
  }

  /** finance-to-s3 for every record type, from a fresh in-memory H2 database of sample data. */
  private void extractFinance(DemoRun run) throws Exception {
    String jdbcUrl = "jdbc:h2:mem:atd-demo-finance-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
    try (Connection database = DriverManager.getConnection(jdbcUrl)) {
      load(database, SAMPLE_FINANCE_DATA);
      for (String recordType : financeToS3.recordTypes().names()) {
        run.add(
            financeToS3,
            FinanceToS3Options.class,
            "--recordType=" + recordType,
            "--jdbcUrl=" + jdbcUrl,
            "--output=" + run.dir("finance"));
      }
      shutdown(database);
    }
  }

  private void publishToKnack(DemoRun run, KnackEmulator knack) throws Exception {
    EmulatedKnackApps.define(knack, s3ToKnack.fieldMaps().all());
    for (KnackMapping mapping : s3ToKnack.fieldMaps().all()) {
      run.add(
          s3ToKnack,
          S3ToKnackOptions.class,
          "--recordType=" + mapping.recordType(),
          "--app=" + mapping.app(),
          "--input=" + run.dir("finance"),
          "--knackApiUrl=" + knack.apiUrl(),
          "--knackAppId=" + EmulatedKnackApps.appId(mapping.app()),
          "--knackApiKey=" + EmulatedKnackApps.API_KEY,
          "--deadLetterDir=" + run.dir("knack"));
    }
  }

  private void publishToSocrata(DemoRun run, SocrataEmulator socrata) throws Exception {
    List<String> args = new ArrayList<>(List.of("--input=" + run.dir("finance")));
    args.addAll(EmulatedSocrata.portalOptions(socrata));
    args.addAll(EmulatedSocrata.financeDatasetOptions());
    run.add(s3ToSocrata, S3ToSocrataOptions.class, args.toArray(new String[0]));
  }

  private void extractBondReports(DemoRun run, MicroStrategyEmulator microStrategy)
      throws Exception {
    for (String report :
        List.of(EmulatedMicroStrategy.BOND_2020_REPORT, EmulatedMicroStrategy.ALL_BONDS_REPORT)) {
      List<String> args =
          new ArrayList<>(List.of("--reportName=" + report, "--output=" + run.dir("reports")));
      args.addAll(EmulatedMicroStrategy.options(microStrategy));
      run.add(microstrategyToS3, MicrostrategyToS3Options.class, args.toArray(new String[0]));
    }
  }

  private void loadBondData(DemoRun run, DemoWarehouse warehouse) throws Exception {
    Path sourcesFile =
        DemoBondSources.write(run.path("sheets"), run.path("bond").resolve("sources.json"));
    List<String> args =
        new ArrayList<>(List.of("--sourcesFile=" + sourcesFile, "--input=" + run.dir("reports")));
    args.addAll(warehouse.options());
    run.add(bondData, BondDataOptions.class, args.toArray(new String[0]));
  }

  private void calculateBondDatasets(DemoRun run, DemoWarehouse warehouse, SocrataEmulator socrata)
      throws Exception {
    List<String> args = new ArrayList<>(List.of("--outputDir=" + run.dir("bond-calculations")));
    args.addAll(warehouse.options());
    args.addAll(EmulatedSocrata.portalOptions(socrata));
    run.add(bondCalculations, BondCalculationsOptions.class, args.toArray(new String[0]));
  }

  private static void load(Connection database, String resource) throws SQLException {
    try (Statement statement = database.createStatement()) {
      for (String sql : SqlScript.statements(Resources.text(resource))) {
        statement.execute(sql);
      }
    }
  }

  private static void shutdown(Connection h2) throws SQLException {
    try (Statement statement = h2.createStatement()) {
      statement.execute("SHUTDOWN");
    }
  }

  /** The demo's output folder, runner and summary lines, each prefixed with its pipeline's name. */
  private record DemoRun(Path out, String runner, List<String> summary) {
    DemoRun(Path out, String runner) {
      this(out, runner, new ArrayList<>());
    }

    Path path(String name) {
      return out.resolve(name);
    }

    /** A directory option's value: the path with a trailing slash. */
    String dir(String name) {
      return path(name) + "/";
    }

    <O extends RunReportOptions> void add(
        AtdPipeline<O> pipeline, Class<O> optionsClass, String... args) throws Exception {
      List<String> all = new ArrayList<>(List.of(args));
      all.add("--runner=" + runner);
      // As the launcher does for scheduled runs: the DirectRunner's test-time checks only cost
      // time.
      all.add("--enforceImmutability=false");
      all.add("--enforceEncodability=false");
      for (String line :
          pipeline.run(
              PipelineOptionsFactory.fromArgs(all.toArray(new String[0])).as(optionsClass))) {
        summary.add(pipeline.name() + " " + line);
      }
    }
  }
}
