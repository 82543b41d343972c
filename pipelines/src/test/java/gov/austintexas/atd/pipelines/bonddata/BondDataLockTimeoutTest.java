package gov.austintexas.atd.pipelines.bonddata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gov.austintexas.atd.pipelines.ExitCodeTable;
import gov.austintexas.atd.pipelines.Launcher;
import gov.austintexas.atd.testing.PostgresSchema;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A table held by another writer: bond-data waits at most {@code --dbLockTimeoutSeconds} for its
 * lock, then ends with the code docs/operations.md's exit-code table gives, naming the lock, with
 * the table unchanged and no staging table left.
 */
class BondDataLockTimeoutTest {
  private static final String SOURCE = "bond_2020_baseline_spend";
  @RegisterExtension static final PostgresSchema postgres = new PostgresSchema();
  @TempDir static Path directory;

  @Test
  void aLockedTableEndsTheRunWithinTheLockTimeoutAndIsLeftAsItWas() throws Exception {
    Path csv = directory.resolve("baseline.csv");
    Files.writeString(csv, "Dashboard DeptFundProgAct,Date,Amount\nnew,10/31/2023,15\n");
    Path sources = BondTables.sourcesFile(directory, Map.of(SOURCE, csv.toString()));
    postgres.execute(BondDdl.load().createStatement(SOURCE));
    postgres.execute(
        "INSERT INTO "
            + SOURCE
            + " (dashboard_deptfundprogact, date, amount, updated_at)"
            + " VALUES ('old', DATE '2023-01-31', 1.50, TIMESTAMP '2024-01-01 00:00:00')");
    List<String> before = BondTables.rows(postgres, SOURCE);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();

    int code;
    try (Connection otherWriter = postgres.connect();
        Statement statement = otherWriter.createStatement()) {
      otherWriter.setAutoCommit(false);
      // What a concurrent replace of the same table holds until its commit.
      statement.execute("LOCK TABLE " + SOURCE + " IN SHARE ROW EXCLUSIVE MODE");
      code =
          assertTimeoutPreemptively(
              Duration.ofSeconds(60),
              () ->
                  new Launcher(
                          Map.of(),
                          new PrintStream(out, true, StandardCharsets.UTF_8),
                          new PrintStream(err, true, StandardCharsets.UTF_8))
                      .run(
                          "bond-data",
                          "--source=" + SOURCE,
                          "--sourcesFile=" + sources,
                          "--jdbcUrl=" + postgres.jdbcUrl(),
                          "--dbUser=" + PostgresSchema.user(),
                          "--dbLockTimeoutSeconds=1",
                          "--reportDir=" + directory.resolve("reports")));
      otherWriter.rollback();
    }

    String printed = err.toString(StandardCharsets.UTF_8);
    int expected = ExitCodeTable.row(ExitCodeTable.read(), "the table is locked").get("bond-data");
    assertEquals(expected, code, printed);
    assertTrue(
        printed.startsWith(
            "error: bond-data: 1 of 1 sources could not be reached or written (an outage or a"
                + " timeout), and not loaded, their tables left as they were: "
                + SOURCE
                + "\n"),
        printed);
    assertTrue(
        printed.contains(
            SOURCE
                + ": not loaded, the table was left as it was: the replace failed and was rolled"
                + " back: could not lock "
                + SOURCE
                + " within 1000 ms, another session holds it (ERROR: canceling statement due to"
                + " lock timeout"),
        printed);
    assertEquals(before, BondTables.rows(postgres, SOURCE));
    assertEquals(List.of(), BondTables.stagingTables(postgres));
  }
}
