package gov.austintexas.atd.pipelines.benchmarks;

import gov.austintexas.atd.pipelines.Launcher;
import gov.austintexas.atd.standins.microstrategy.BondReportFixtures;
import gov.austintexas.atd.standins.microstrategy.ReportFixture;
import gov.austintexas.atd.testing.PostgresSchema;
import gov.austintexas.atd.testing.S3MockServer;
import gov.austintexas.atd.transforms.csv.CsvText;
import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.commons.csv.CSVPrinter;

/**
 * Benchmark, not a test: {@code bond-data} loading an all-bonds expenses CSV (the report's real
 * columns, made-up rows) from S3Mock into PostgreSQL, at several row counts, reporting rows per
 * second and peak live heap. The goal is at least 50,000 rows/s with heap flat in the row count.
 *
 * <pre>
 * ./mvnw -q -pl pipelines -am test-compile exec:exec@bond-data-benchmark
 * </pre>
 *
 * System property {@code rows}: comma-separated counts (default 250000,500000,1000000).
 */
public final class BondDataBenchmark {
  private static final String SCHEMA = "bench_bond_data";
  private static final String KEY = "reports/All bonds Expenses Obligated.csv";
  private static final String HEADER =
      "Fund@Code,Fund@Long Name,Division (As-Is)@Code,Division (As-Is)@Long"
          + " Name,Department@Dept,Department@Long Name,Date,Group (As-Is)@Code,Group (As-Is)@Long"
          + " Name,Obligated,Expenses";

  public static void main(String[] args) throws Exception {
    List<Integer> sizes = new ArrayList<>();
    for (String size : System.getProperty("rows", "250000,500000,1000000").split(",")) {
      sizes.add(Integer.parseInt(size.strip()));
    }
    S3MockServer s3 = new S3MockServer();
    s3.start("benchmark");
    try {
      s3.configure(PipelineOptionsFactory.create());
      System.out.printf(
          "%-10s %10s %12s %14s %12s%n", "rows", "seconds", "rows/s", "peak live MiB", "CSV MiB");
      for (int rows : sizes) {
        writeCsv(s3, rows);
        resetSchema();
        List<String> launch =
            new ArrayList<>(
                List.of(
                    "bond-data",
                    "--source=expenses_obligated_all_bonds_raw",
                    "--input=" + s3.bucketUrl() + "reports/",
                    "--jdbcUrl=" + PostgresSchema.serverUrl() + "?currentSchema=" + SCHEMA,
                    "--dbUser=" + PostgresSchema.user()));
        launch.addAll(s3.pipelineArgs());
        long peak;
        long start = System.nanoTime();
        try (HeapWatcher heap = new HeapWatcher()) {
          int exit =
              new Launcher(Map.of(), System.err, System.err).run(launch.toArray(new String[0]));
          if (exit != 0) {
            throw new IllegalStateException("bond-data exited with " + exit);
          }
          peak = heap.peakLiveBytes();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long loaded = count();
        if (loaded != rows) {
          throw new IllegalStateException("loaded " + loaded + " rows of " + rows);
        }
        long csvBytes = s3.client().headObject(b -> b.bucket(s3.bucket()).key(KEY)).contentLength();
        System.out.printf(
            "%-10d %10.1f %12.0f %14.0f %12.1f%n",
            rows, seconds, rows / seconds, peak / 1048576.0, csvBytes / 1048576.0);
      }
    } finally {
      s3.stop();
      try (Connection connection = connect();
          Statement statement = connection.createStatement()) {
        statement.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
      }
    }
  }

  /**
   * The report as microstrategy-to-s3 writes it, streamed into S3Mock through Beam's S3 filesystem.
   */
  private static void writeCsv(S3MockServer s3, int rows) throws Exception {
    ReportFixture fixture = BondReportFixtures.allBondsExpensesObligated(rows);
    try (Writer out =
            new BufferedWriter(
                new OutputStreamWriter(
                    Channels.newOutputStream(
                        FileSystems.create(
                            FileSystems.matchNewResource(s3.bucketUrl() + KEY, false), "text/csv")),
                    StandardCharsets.UTF_8),
                1 << 20);
        CSVPrinter printer = new CSVPrinter(out, CsvText.FORMAT)) {
      printer.printRecord((Object[]) HEADER.split(","));
      List<String> cells = new ArrayList<>(11);
      for (int i = 0; i < rows; i++) {
        ReportFixture.Row row = fixture.row(i);
        cells.clear();
        row.attributeForms().forEach(cells::addAll);
        for (BigDecimal metric : row.metrics()) {
          cells.add(metric == null ? null : metric.toPlainString());
        }
        printer.printRecord(cells);
      }
    }
  }

  private static Connection connect() throws Exception {
    return DriverManager.getConnection(
        PostgresSchema.serverUrl(), PostgresSchema.user(), PostgresSchema.password());
  }

  private static void resetSchema() throws Exception {
    try (Connection connection = connect();
        Statement statement = connection.createStatement()) {
      statement.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
      statement.execute("CREATE SCHEMA " + SCHEMA);
    }
  }

  private static long count() throws Exception {
    try (Connection connection = connect();
        Statement statement = connection.createStatement();
        ResultSet result =
            statement.executeQuery(
                "SELECT count(*) FROM " + SCHEMA + ".expenses_obligated_all_bonds_raw")) {
      result.next();
      return result.getLong(1);
    }
  }
}
