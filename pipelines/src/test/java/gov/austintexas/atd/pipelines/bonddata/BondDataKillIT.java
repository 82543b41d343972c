package gov.austintexas.atd.pipelines.bonddata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import gov.austintexas.atd.pipelines.RunnableJar;
import gov.austintexas.atd.pipelines.microstrategytos3.ReportCsv;
import gov.austintexas.atd.standins.microstrategy.BondReportFixtures;
import gov.austintexas.atd.testing.PostgresSchema;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * bond-data's jar killed (SIGKILL) in the middle of a table replacement, at points chosen by a lock
 * this test holds on the table, so the kill lands where the jar waits, never by a sleep:
 *
 * <ul>
 *   <li>ACCESS EXCLUSIVE: the jar waits to create its staging table beside the target;
 *   <li>SHARE: the rows are staged and the jar waits for the swap's own lock.
 * </ul>
 *
 * The table holds the old rows after each kill, and the next run loads the new ones and drops the
 * staging table the killed run left, listing it in its report.
 */
class BondDataKillIT {
  private static final String TABLE = "expenses_obligated_2020_bond_raw";
  private static final String REPORT = "2020 Bond Expenses Obligated.csv";

  @RegisterExtension static final PostgresSchema postgres = new PostgresSchema();

  @TempDir Path dir;

  @Test
  void aKilledReplacementLeavesTheOldRowsAndTheNextRunConvergesAndRemovesItsLeftovers()
      throws Exception {
    Path reports = Files.createDirectories(dir.resolve("bucket"));
    Files.writeString(
        reports.resolve(REPORT),
        ReportCsv.expected(
            ReportCsv.BOND_2020_HEADER, BondReportFixtures.bond2020ExpensesObligated(30)));
    assertEquals(0, waitFor(bondData(reports, dir.resolve("first-reports"))), "the first load");
    assertEquals("30", query("SELECT count(*) FROM " + TABLE));
    Files.writeString(
        reports.resolve(REPORT),
        ReportCsv.expected(
            ReportCsv.BOND_2020_HEADER, BondReportFixtures.bond2020ExpensesObligated(120)));

    for (String lockMode : List.of("ACCESS EXCLUSIVE", "SHARE")) {
      try (Connection holder = postgres.connect();
          Statement lock = holder.createStatement()) {
        holder.setAutoCommit(false);
        lock.execute("LOCK TABLE " + TABLE + " IN " + lockMode + " MODE");
        Process killed = bondData(reports, dir.resolve("killed-reports"));
        awaitWaitingForTheTable(killed);
        killed.destroyForcibly(); // SIGKILL
        killed.waitFor(1, TimeUnit.MINUTES);
        holder.rollback();
      }
      assertEquals(
          "30",
          query("SELECT count(*) FROM " + TABLE),
          "killed waiting for " + lockMode + ": the old rows");
    }
    List<String> left = stagingTables();
    assertEquals(1, left.size(), "the run killed at the swap left its staged rows: " + left);
    assertEquals("120", query("SELECT count(*) FROM " + left.get(0)));

    awaitSecondAfter(left.get(0)); // staging names tell time to the second
    Path reportDir = dir.resolve("reports");
    assertEquals(0, waitFor(bondData(reports, reportDir)), "the next run");

    assertEquals("120", query("SELECT count(*) FROM " + TABLE));
    assertEquals(List.of(), stagingTables());
    JsonNode report;
    try (Stream<Path> files = Files.list(reportDir)) {
      report = new ObjectMapper().readTree(files.findFirst().orElseThrow().toFile());
    }
    assertEquals("[\"table " + left.get(0) + "\"]", report.get("removed").toString());
  }

  private Process bondData(Path reports, Path reportDir) throws Exception {
    List<String> command =
        new ArrayList<>(
            RunnableJar.command(
                "bond-data",
                "--source=" + TABLE,
                "--input=" + reports + "/",
                "--jdbcUrl=" + postgres.jdbcUrl(),
                "--dbUser=" + PostgresSchema.user(),
                "--reportDir=" + reportDir + "/"));
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .redirectOutput(dir.resolve("out.txt").toFile())
            .redirectError(dir.resolve("err.txt").toFile());
    builder.environment().keySet().removeIf(name -> name.startsWith("PG") || name.equals("BUCKET"));
    return builder.start();
  }

  private int waitFor(Process process) throws Exception {
    if (!process.waitFor(3, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new AssertionError("bond-data did not finish in 3 minutes");
    }
    assertEquals(
        0, process.exitValue(), Files.readString(dir.resolve("err.txt"), StandardCharsets.UTF_8));
    return process.exitValue();
  }

  /** Until another session waits for a lock on the table: the jar has reached it. */
  private static void awaitWaitingForTheTable(Process jar) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
    while (System.nanoTime() < deadline) {
      assertTrue(jar.isAlive(), "bond-data ended before it reached the table");
      String waiting =
          query(
              "SELECT count(*) FROM pg_locks l JOIN pg_class c ON c.oid = l.relation"
                  + " WHERE c.relname = '"
                  + TABLE
                  + "' AND c.relnamespace = current_schema()::regnamespace AND NOT l.granted");
      if (!waiting.equals("0")) {
        return;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("bond-data never waited for " + TABLE);
  }

  /** Until the clock has passed the second a staging table's name gives. */
  private static void awaitSecondAfter(String stagingTable) throws InterruptedException {
    String stamp = stagingTable.replaceAll(".*_staging_(\\d{14})_.*", "$1");
    Instant made =
        LocalDateTime.parse(stamp, DateTimeFormatter.ofPattern("yyyyMMddHHmmss"))
            .toInstant(ZoneOffset.UTC);
    while (!Instant.now().isAfter(made.plusSeconds(1))) {
      Thread.sleep(50);
    }
  }

  private static List<String> stagingTables() throws Exception {
    List<String> names = new ArrayList<>();
    try (Connection connection = postgres.connect();
        PreparedStatement statement =
            connection.prepareStatement(
                "SELECT table_name FROM information_schema.tables WHERE table_schema ="
                    + " current_schema() AND table_name LIKE ? ORDER BY table_name")) {
      statement.setString(1, TABLE + "\\_staging\\_%");
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          names.add(rows.getString(1));
        }
      }
    }
    return names;
  }

  private static String query(String sql) throws Exception {
    return postgres.queryOne(sql);
  }
}
