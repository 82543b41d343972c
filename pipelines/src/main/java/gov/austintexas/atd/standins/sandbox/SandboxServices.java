package gov.austintexas.atd.standins.sandbox;

import gov.austintexas.atd.pipelines.Resources;
import gov.austintexas.atd.pipelines.s3toknack.FieldMaps;
import gov.austintexas.atd.standins.demo.Demo;
import gov.austintexas.atd.standins.demo.DemoBondSources;
import gov.austintexas.atd.standins.demo.DemoWarehouse;
import gov.austintexas.atd.standins.demo.EmulatedKnackApps;
import gov.austintexas.atd.standins.demo.EmulatedMicroStrategy;
import gov.austintexas.atd.standins.demo.EmulatedSocrata;
import gov.austintexas.atd.standins.knack.KnackEmulator;
import gov.austintexas.atd.standins.microstrategy.MicroStrategyEmulator;
import gov.austintexas.atd.standins.socrata.SocrataEmulator;
import gov.austintexas.atd.transforms.jdbc.SqlScript;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.h2.tools.Server;

/**
 * The sandbox's stand-ins, started on free loopback ports and seeded as the demo's: the Knack apps
 * and objects of the field maps, the Socrata datasets, the MicroStrategy bond reports, an H2
 * database of sample finance data (for Oracle) and an empty H2 warehouse in PostgreSQL mode, both
 * served over H2's TCP server so pipelines in other JVMs reach them, and a local folder as the
 * bucket, holding the demo sheets and a bond-data sources file.
 *
 * <p>The bucket is a folder, not S3: the S3-compatible server the tests use (S3Mock) is not in the
 * jar. Every pipeline takes a local directory wherever it takes {@code s3://bucket/}.
 */
public final class SandboxServices implements AutoCloseable {
  private final Path bucket;
  private final KnackEmulator knack;
  private final SocrataEmulator socrata;
  private final MicroStrategyEmulator microStrategy;
  private final Server h2;
  private final List<Connection> databases;
  private final String financeUrl;
  private final String warehouseUrl;

  private SandboxServices(
      Path bucket,
      KnackEmulator knack,
      SocrataEmulator socrata,
      MicroStrategyEmulator microStrategy,
      Server h2,
      List<Connection> databases) {
    this.bucket = bucket;
    this.knack = knack;
    this.socrata = socrata;
    this.microStrategy = microStrategy;
    this.h2 = h2;
    this.databases = databases;
    String tcp = "jdbc:h2:tcp://127.0.0.1:" + h2.getPort() + "/mem:";
    this.financeUrl = tcp + "atd-sandbox-finance";
    this.warehouseUrl =
        DemoWarehouse.h2InPostgresMode("atd-sandbox-warehouse")
            .replace("jdbc:h2:mem:", tcp)
            .replace(";DB_CLOSE_DELAY=-1", "");
  }

  /** Starts everything; {@code directory} receives the bucket folder. */
  public static SandboxServices start(Path directory) throws IOException, SQLException {
    Path bucket = Files.createDirectories(directory.toAbsolutePath().resolve("bucket"));
    DemoBondSources.write(bucket.resolve("sheets"), bucket.resolve("bond").resolve("sources.json"));
    KnackEmulator knack = KnackEmulator.start();
    EmulatedKnackApps.define(knack, FieldMaps.load().all());
    // The in-memory databases live as long as these connections; the TCP server only opens existing
    // ones.
    List<Connection> databases = new ArrayList<>();
    databases.add(DriverManager.getConnection("jdbc:h2:mem:atd-sandbox-finance"));
    try (Statement statement = databases.get(0).createStatement()) {
      for (String sql : SqlScript.statements(Resources.text(Demo.SAMPLE_FINANCE_DATA))) {
        statement.execute(sql);
      }
    }
    databases.add(
        DriverManager.getConnection(DemoWarehouse.h2InPostgresMode("atd-sandbox-warehouse")));
    Server h2 = Server.createTcpServer("-tcpPort", String.valueOf(freePort())).start();
    return new SandboxServices(
        bucket, knack, EmulatedSocrata.start(), EmulatedMicroStrategy.start(), h2, databases);
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  public KnackEmulator knack() {
    return knack;
  }

  public SocrataEmulator socrata() {
    return socrata;
  }

  /**
   * What to paste into a shell: the variables, then one command per pipeline, in the demo's order.
   */
  public List<String> instructions(String jar) {
    String dir = bucket + "/";
    List<String> lines = new ArrayList<>();
    lines.add(
        "sandbox: up; Ctrl-C stops it. Everything here is local and fake, credentials included.");
    lines.add("");
    lines.add(
        "# The bucket is a local folder (S3-compatible storage is not in the jar): give it where a"
            + " pipeline takes s3://bucket/.");
    lines.add("#   " + dir);
    lines.add("# Knack (KNACK_APP_ID: emulated-finance-purchasing or emulated-data-tracker)");
    lines.add("export KNACK_APP_ID=" + EmulatedKnackApps.appId("finance-purchasing"));
    lines.add("export KNACK_API_KEY=" + EmulatedKnackApps.API_KEY);
    lines.add("# Socrata");
    EmulatedSocrata.portalSettings(socrata).forEach(setting -> lines.add(setting.asExport()));
    EmulatedSocrata.financeDatasetSettings().forEach(setting -> lines.add(setting.asExport()));
    lines.add("# MicroStrategy");
    EmulatedMicroStrategy.settings(microStrategy).forEach(setting -> lines.add(setting.asExport()));
    lines.add("# The finance database (H2 with sample data, for Oracle): --jdbcUrl=" + financeUrl);
    lines.add("# The warehouse (H2 in PostgreSQL mode): --jdbcUrl='" + warehouseUrl + "'");
    lines.add("");
    lines.add("# Then any pipeline, e.g. in the demo's order:");
    String run = "java -jar " + jar + " ";
    lines.add(
        run
            + "finance-to-s3 --recordType=units --jdbcUrl="
            + financeUrl
            + " --output="
            + dir
            + "finance/");
    lines.add(
        run
            + "s3-to-knack --recordType=units --app=finance-purchasing --input="
            + dir
            + "finance/ --knackApiUrl="
            + knack.apiUrl());
    lines.add(run + "s3-to-socrata --dataset=dept_units --input=" + dir + "finance/");
    lines.add(
        run
            + "microstrategy-to-s3 --reportName='"
            + EmulatedMicroStrategy.BOND_2020_REPORT
            + "' --output="
            + dir
            + "reports/");
    lines.add(
        run
            + "microstrategy-to-s3 --reportName='"
            + EmulatedMicroStrategy.ALL_BONDS_REPORT
            + "' --output="
            + dir
            + "reports/");
    lines.add(
        run
            + "bond-data --jdbcUrl='"
            + warehouseUrl
            + "' --sourcesFile="
            + dir
            + "bond/sources.json --input="
            + dir
            + "reports/");
    lines.add(
        run
            + "bond-calculations --jdbcUrl='"
            + warehouseUrl
            + "' --outputDir="
            + dir
            + "bond-calculations/");
    return lines;
  }

  @Override
  public void close() throws SQLException {
    h2.stop();
    for (Connection database : databases) {
      try (Statement statement = database.createStatement()) {
        statement.execute("SHUTDOWN");
      }
      database.close();
    }
    knack.close();
    socrata.close();
    microStrategy.close();
  }
}
