package gov.austintexas.atd.pipelines.benchmarks;

import gov.austintexas.atd.pipelines.Launcher;
import gov.austintexas.atd.pipelines.Resources;
import gov.austintexas.atd.testing.PostgresSchema;
import gov.austintexas.atd.transforms.jdbc.SqlScript;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.postgresql.PGConnection;

/**
 * Benchmark, not a test: {@code bond-calculations} from PostgreSQL to {@code --outputDir} (a dry
 * run) on 1,000,000 rows of 2020 bond expenses and 1,000,000 all-bonds rows, each over 300 groups
 * and 1,100 dates, reporting the time and peak live heap of the whole run. The goal is under 60 s
 * on the DirectRunner.
 *
 * <pre>
 * ./mvnw -q -pl pipelines -am test-compile exec:exec@bond-calculations-benchmark
 * </pre>
 *
 * System properties: {@code rows}, rows per expense table (default 1000000); {@code
 * runner=FlinkRunner} for the embedded Flink cluster instead of the DirectRunner.
 */
public final class BondCalculationsBenchmark {
  private static final String SCHEMA = "bench_bond_calculations";
  private static final int GROUPS = 300;
  private static final int DATES = 1_100;
  private static final int DASHBOARD_IDS = 100;
  private static final LocalDate FIRST_DATE = LocalDate.of(2021, 10, 1);

  public static void main(String[] args) throws Exception {
    int rows = Integer.parseInt(System.getProperty("rows", "1000000"));
    Path output = Files.createTempDirectory("bond-calculations-benchmark");
    try {
      long seedStart = System.nanoTime();
      seed(rows);
      System.out.printf("seeded 2 x %d expense rows in %.1f s%n", rows, (System.nanoTime() - seedStart) / 1e9);
      List<String> launch = new ArrayList<>(List.of(
          "bond-calculations", "--jdbcUrl=" + PostgresSchema.serverUrl() + "?currentSchema=" + SCHEMA,
          "--dbUser=" + PostgresSchema.user(), "--outputDir=" + output, "--dryRun"));
      if (System.getProperty("runner", "").toLowerCase(java.util.Locale.ROOT).startsWith("flink")) {
        launch.addAll(List.of("--runner=FlinkRunner", "--flinkMaster=[local]"));
      }
      long peak;
      com.sun.management.OperatingSystemMXBean os =
          (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
      long cpuStart = os.getProcessCpuTime();
      long start = System.nanoTime();
      try (HeapWatcher heap = new HeapWatcher()) {
        int exit = new Launcher(Map.of(), System.out, System.err).run(launch.toArray(new String[0]));
        if (exit != 0) {
          throw new IllegalStateException("bond-calculations exited with " + exit);
        }
        peak = heap.peakLiveBytes();
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      // CPU seconds of the process too: on a shared machine the wall time says more about the neighbours.
      double cpuSeconds = (os.getProcessCpuTime() - cpuStart) / 1e9;
      System.out.printf("%-12s %10s %12s %14s%n", "rows/table", "seconds", "CPU seconds", "peak live MiB");
      System.out.printf("%-12d %10.1f %12.1f %14.0f%n", rows, seconds, cpuSeconds, peak / 1048576.0);
    } finally {
      try (var files = Files.list(output)) {
        for (Path file : files.toList()) {
          Files.delete(file);
        }
      }
      Files.delete(output);
      try (Connection connection = connect(); Statement statement = connection.createStatement()) {
        statement.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
      }
    }
  }

  /**
   * Row i of each expense table is group i mod 300 on date (i / 300) mod 1,100; the 2020 rows also
   * spread over four fiscal years, so the fill adds the (fiscal year, date, group) triples missing.
   */
  private static void seed(int rows) throws Exception {
    try (Connection connection = connect(); Statement statement = connection.createStatement()) {
      statement.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
      statement.execute("CREATE SCHEMA " + SCHEMA);
      statement.execute("SET search_path TO " + SCHEMA);
      for (String sql : SqlScript.statements(Resources.text("atd/bond/ddl.sql"))) {
        statement.execute(sql);
      }
      StringBuilder raw2020 = new StringBuilder();
      StringBuilder allBonds = new StringBuilder();
      for (int i = 0; i < rows; i++) {
        int group = i % GROUPS;
        LocalDate date = FIRST_DATE.plusDays((i / GROUPS) % DATES);
        int fiscalYear = 2021 + (i / 7) % 4;
        String cents = (i % 100_000) + "." + String.format("%02d", i % 100);
        raw2020.append("8012\t6000\t").append(date).append('\t').append(5000 + group).append('\t').append(fiscalYear)
            .append("\t6207\t").append(cents).append('\t').append(cents).append("\t2024-11-20 06:00:00\n");
        allBonds.append("8012\t2020 Mobility Bond\t6207\tTransportation\t6000\tAustin Transportation\t").append(date)
            .append('\t').append(5000 + group).append("\tGroup ").append(group).append('\t').append(cents).append('\t')
            .append(cents).append("\t2024-11-20 06:00:00\n");
      }
      copy(connection, "expenses_obligated_2020_bond_raw", raw2020);
      copy(connection, "expenses_obligated_all_bonds_raw", allBonds);
      StringBuilder crosswalk = new StringBuilder();
      StringBuilder lookup = new StringBuilder();
      for (int group = 0; group < GROUPS; group++) {
        String id = dashboardId(group % DASHBOARD_IDS);
        crosswalk.append("600080126207").append(5000 + group).append('\t').append(id).append("\t2024-11-20 06:00:00\n");
        lookup.append("600080126207").append(5000 + group).append('\t').append(id).append("\t2024-11-20 06:00:00\n");
      }
      copy(connection, "bond_2020_aims_to_dashboard", crosswalk);
      copy(connection, "all_bonds_aims_to_dashboard", lookup);
      StringBuilder plans = new StringBuilder();
      StringBuilder programs = new StringBuilder();
      for (int id = 0; id < DASHBOARD_IDS; id++) {
        for (int month = 0; month < 48; month++) {
          LocalDate end = FIRST_DATE.plusMonths(month + 1).minusDays(1);
          plans.append(dashboardId(id)).append('\t').append(end).append('\t').append(1000 + month).append(".50\t2024-11-20 06:00:00\n");
        }
        programs.append(dashboardId(id)).append("\tTransportation\t2020\tProgram ").append(id).append("\tSub ").append(id)
            .append('\t').append(id).append("\t1\t2024-11-20 06:00:00\n");
      }
      for (String table : List.of("bond_2020_baseline_spend", "bond_2020_current_fy_spend_plan",
          "bond_2020_previous_fy_spend_plan", "all_bonds_appropriations")) {
        copy(connection, table, plans);
      }
      copy(connection, "all_bonds_program_names", programs);
      statement.execute("ANALYZE");
    }
  }

  private static String dashboardId(int id) {
    return "6000-8012-6207-" + (5000 + id);
  }

  private static void copy(Connection connection, String table, StringBuilder rows) throws Exception {
    connection.unwrap(PGConnection.class).getCopyAPI()
        .copyIn("COPY " + SCHEMA + "." + table + " FROM STDIN", new StringReader(rows.toString()));
  }

  private static Connection connect() throws Exception {
    return DriverManager.getConnection(PostgresSchema.serverUrl(), PostgresSchema.user(), PostgresSchema.password());
  }
}
