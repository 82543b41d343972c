package gov.austintexas.atd.pipelines.benchmarks;

import gov.austintexas.atd.pipelines.Resources;
import gov.austintexas.atd.testing.PostgresSchema;
import gov.austintexas.atd.transforms.jdbc.SqlScript;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.postgresql.PGConnection;

/**
 * The bond-calculations benchmark's tables, shaped as issue 12 asks: N rows in each raw expense
 * table over the business days of three fiscal years (FY2022–FY2024), one group per about 180 rows,
 * each group's rows spread over the three years; three groups per dashboard id, with a spend plan,
 * baseline and appropriation per dashboard id and month, and both crosswalks.
 */
final class BondData {
  static final String SCHEMA = "bench_bond_calculations";
  private static final int ROWS_PER_GROUP = 180;
  private static final LocalDate FIRST_DATE = LocalDate.of(2021, 10, 1);
  private static final int MONTHS = 36;

  private BondData() {}

  static void seed(int rows) throws Exception {
    List<LocalDate> days = businessDays();
    int groups = Math.max(1, rows / ROWS_PER_GROUP);
    int dashboardIds = Math.max(1, groups / 3);
    try (Connection connection = connect();
        Statement statement = connection.createStatement()) {
      statement.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
      statement.execute("CREATE SCHEMA " + SCHEMA);
      statement.execute("SET search_path TO " + SCHEMA);
      for (String sql : SqlScript.statements(Resources.text("atd/bond/ddl.sql"))) {
        statement.execute(sql);
      }
      StringBuilder raw2020 = new StringBuilder();
      StringBuilder allBonds = new StringBuilder();
      for (int i = 0; i < rows; i++) {
        int group = i % groups;
        LocalDate date = days.get((int) ((long) i * days.size() / rows));
        int fiscalYear = date.getMonthValue() >= 10 ? date.getYear() + 1 : date.getYear();
        String cents = (i % 100_000) + "." + String.format("%02d", i % 100);
        raw2020
            .append("8012\t6000\t")
            .append(date)
            .append('\t')
            .append(5000 + group)
            .append('\t')
            .append(fiscalYear)
            .append("\t6207\t")
            .append(cents)
            .append('\t')
            .append(cents)
            .append("\t2024-11-20 06:00:00\n");
        allBonds
            .append("8012\t2020 Mobility Bond\t6207\tTransportation\t6000\tAustin Transportation\t")
            .append(date)
            .append('\t')
            .append(5000 + group)
            .append("\tGroup ")
            .append(group)
            .append('\t')
            .append(cents)
            .append('\t')
            .append(cents)
            .append("\t2024-11-20 06:00:00\n");
      }
      copy(connection, "expenses_obligated_2020_bond_raw", raw2020);
      copy(connection, "expenses_obligated_all_bonds_raw", allBonds);
      StringBuilder crosswalk = new StringBuilder();
      for (int group = 0; group < groups; group++) {
        crosswalk
            .append("600080126207")
            .append(5000 + group)
            .append('\t')
            .append(dashboardId(group % dashboardIds))
            .append("\t2024-11-20 06:00:00\n");
      }
      copy(connection, "bond_2020_aims_to_dashboard", crosswalk);
      copy(connection, "all_bonds_aims_to_dashboard", crosswalk);
      StringBuilder plans = new StringBuilder();
      StringBuilder programs = new StringBuilder();
      for (int id = 0; id < dashboardIds; id++) {
        for (int month = 0; month < MONTHS; month++) {
          LocalDate end = FIRST_DATE.plusMonths(month + 1).minusDays(1);
          plans
              .append(dashboardId(id))
              .append('\t')
              .append(end)
              .append('\t')
              .append(1000 + month)
              .append(".50\t2024-11-20 06:00:00\n");
        }
        programs
            .append(dashboardId(id))
            .append("\tTransportation\t2020\tProgram ")
            .append(id)
            .append("\tSub ")
            .append(id)
            .append('\t')
            .append(id)
            .append("\t1\t2024-11-20 06:00:00\n");
      }
      for (String table :
          List.of(
              "bond_2020_baseline_spend",
              "bond_2020_current_fy_spend_plan",
              "bond_2020_previous_fy_spend_plan",
              "all_bonds_appropriations")) {
        copy(connection, table, plans);
      }
      copy(connection, "all_bonds_program_names", programs);
      statement.execute("ANALYZE");
    }
  }

  static void drop() throws Exception {
    try (Connection connection = connect();
        Statement statement = connection.createStatement()) {
      statement.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
    }
  }

  /** Mondays to Fridays from 1 October 2021 to 30 September 2024. */
  private static List<LocalDate> businessDays() {
    List<LocalDate> days = new ArrayList<>();
    for (LocalDate day = FIRST_DATE; day.isBefore(FIRST_DATE.plusYears(3)); day = day.plusDays(1)) {
      if (day.getDayOfWeek() != DayOfWeek.SATURDAY && day.getDayOfWeek() != DayOfWeek.SUNDAY) {
        days.add(day);
      }
    }
    return days;
  }

  private static String dashboardId(int id) {
    return "6000-8012-6207-" + (5000 + id);
  }

  private static void copy(Connection connection, String table, StringBuilder rows)
      throws Exception {
    connection
        .unwrap(PGConnection.class)
        .getCopyAPI()
        .copyIn("COPY " + SCHEMA + "." + table + " FROM STDIN", new StringReader(rows.toString()));
  }

  private static Connection connect() throws Exception {
    return DriverManager.getConnection(
        PostgresSchema.serverUrl(), PostgresSchema.user(), PostgresSchema.password());
  }
}
