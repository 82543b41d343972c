package gov.austintexas.atd.pipelines.bonddata;

import static org.junit.jupiter.api.Assertions.assertEquals;

import gov.austintexas.atd.pipelines.Launcher;
import gov.austintexas.atd.pipelines.Printed;
import gov.austintexas.atd.testing.PostgresSchema;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad inputs through the launcher: each prints the exact error (file, line, column, value, reason),
 * exits with code 3, and leaves the table exactly as it was.
 */
class BondDataBadInputTest {
  @RegisterExtension static final PostgresSchema postgres = new PostgresSchema();
  @TempDir static Path directory;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(Map<String, String> env, String... args) {
    List<String> all = new ArrayList<>(List.of("bond-data"));
    all.addAll(List.of(args));
    all.add("--reportDir=" + directory.resolve("reports"));
    return new Launcher(
            env,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8))
        .run(all.toArray(new String[0]));
  }

  private String err() {
    return Printed.of(err.toString(StandardCharsets.UTF_8)).text();
  }

  static Stream<Arguments> badInputs() {
    String baseline = "Dashboard DeptFundProgAct,Date,Amount\n";
    String programs =
        "Dashboard DeptFundProgAct,Dashboard Dept Name,Dashboard Bond Year,Dashboard Program Name,"
            + "Dashboard Sub Program Name,Bond Funding,Program Sort,Sub Program Sort\n";
    return Stream.of(
        Arguments.of(
            "a missing column",
            "bond_2020_baseline_spend",
            "Dashboard DeptFundProgAct,Date\nx,10/31/2023\n",
            "line 1, column \"Amount\": the column is missing from the header"),
        Arguments.of(
            "a non-number in a numeric column",
            "bond_2020_baseline_spend",
            baseline + "a,10/31/2023,15\nb,11/30/2023,twelve\n",
            "line 3, column \"Amount\", value \"twelve\": not a number"),
        Arguments.of(
            "2.5 in an int column",
            "bond_2020_program_names",
            programs + "p,TPW,2020,Safety,Vision Zero,100,2.5,1\n",
            "line 2, column \"Program Sort\", value \"2.5\": not a whole number"),
        Arguments.of(
            "a bad date",
            "all_bonds_appropriations",
            "Dashboard FundDeptProgAct,Date,Appropriation\nx,13/01/2024,100\n",
            "line 2, column \"Date\", value \"13/01/2024\": not a date in MM/DD/YYYY form"),
        Arguments.of(
            "fiscal_year 1999",
            "expenses_obligated_2020_bond_raw",
            "Fund,Department,Date,Group,Fiscal Year,Division,Obligated,Expenses\n"
                + "8012,6000,10/01/1998,5216,1999,6207,1,2\n",
            "line 2, column \"Fiscal Year\", value \"1999\": must be greater than 2000"),
        Arguments.of(
            "an empty required cell",
            "all_bonds_aims_to_dashboard",
            "AIMS Dept Prog Act,Dashboard FundDeptProgAct\n6000801262075216,\n",
            "line 2, column \"Dashboard FundDeptProgAct\", value \"\": a value is required"),
        Arguments.of(
            "a header-only file",
            "all_bonds_spend_plan",
            "Dashboard FundDeptProgAct,Fiscal Year,SpndPln-Bdgt\n",
            "line 1: the file has a header but no rows"),
        Arguments.of(
            "a ragged row",
            "bond_2020_current_fy_spend_plan",
            baseline + "a,10/31/2023,1\nb,11/30/2023,2,3\n",
            "line 3: the row has 4 fields; the header has 3"),
        Arguments.of(
            "a file that is not UTF-8",
            "bond_2020_aims_to_dashboard",
            "AIMS Dept Prog Act,Dashboard DeptFundProgAct\nA1,D1\nA2,Caf\u00e9\n",
            "line 3: the file is not UTF-8 text (byte 0xE9 is not UTF-8)"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badInputs")
  void aBadInputPrintsTheExactErrorAndLeavesTheTable(
      String name, String source, String csv, String error) throws Exception {
    Path file = directory.resolve(source + "-" + name.replace(' ', '-') + ".csv");
    // Latin-1 so that the "not UTF-8" case has its é as the single byte 0xE9; the rest is ASCII.
    Files.write(file, csv.getBytes(StandardCharsets.ISO_8859_1));
    givenTheTableHasAnOldRow(source);

    int exit =
        run(
            Map.of(),
            "--source=" + source,
            "--sourcesFile=" + BondTables.sourcesFile(directory, Map.of(source, file.toString())),
            "--jdbcUrl=" + postgres.jdbcUrl(),
            "--dbUser=" + PostgresSchema.user());

    assertEquals(3, exit, err());
    assertEquals(
        "error: bond-data: 1 of 1 sources not loaded, their tables left as they were: "
            + source
            + "\n"
            + source
            + ": not loaded, the table was left as it was: 1 input error:\n"
            + "  "
            + file
            + ", "
            + error
            + "\n",
        err());
    assertTheOldRowIsAllThereIs(source);
  }

  @Test
  void theRunPrintsTheFirst50InvalidRowsAndTheirTotal() throws Exception {
    String source = "all_bonds_spend_plan";
    StringBuilder csv = new StringBuilder("Dashboard FundDeptProgAct,Fiscal Year,SpndPln-Bdgt\n");
    for (int row = 1; row <= 60; row++) {
      csv.append("k").append(row).append(",FY").append(row).append(",1\n");
    }
    Path file = directory.resolve("sixty-bad-rows.csv");
    Files.writeString(file, csv);
    givenTheTableHasAnOldRow(source);

    int exit =
        run(
            Map.of(),
            "--source=" + source,
            "--sourcesFile=" + BondTables.sourcesFile(directory, Map.of(source, file.toString())),
            "--jdbcUrl=" + postgres.jdbcUrl(),
            "--dbUser=" + PostgresSchema.user());

    assertEquals(3, exit, err());
    List<String> expected = new ArrayList<>();
    expected.add(
        "error: bond-data: 1 of 1 sources not loaded, their tables left as they were: " + source);
    expected.add(
        source + ": not loaded, the table was left as it was: 60 input errors, the first 50:");
    for (int row = 1; row <= 50; row++) {
      expected.add(
          "  "
              + file
              + ", line "
              + (row + 1)
              + ", column \"Fiscal Year\", value \"FY"
              + row
              + "\": not a number");
    }
    expected.add("  ... 10 more, 60 in all");
    assertEquals(expected, err().lines().toList());
    assertTheOldRowIsAllThereIs(source);
  }

  @Test
  void anUnknownSourceListsTheConfiguredOnes() {
    int exit = run(Map.of(), "--source=bond_2016_raw", "--jdbcUrl=" + postgres.jdbcUrl());

    assertEquals(2, exit);
    assertEquals(
        "error: bond-data: unknown source 'bond_2016_raw'; configured: "
            + String.join(", ", BondTables.SOURCES)
            + "\n",
        err());
  }

  @Test
  void sourcesWhoseUrlIsNotConfiguredYetStopTheRunBeforeAnyIo() {
    int exit = run(Map.of("BUCKET", "reports"), "--jdbcUrl=" + postgres.jdbcUrl());

    assertEquals(2, exit);
    assertEquals(
        "error: bond-data: the location of "
            + String.join(", ", BondTables.SOURCES.subList(2, 12))
            + " is not configured yet (src/bond/sources.json has a placeholder); set it there, give"
            + " another --sourcesFile, or pick a --source\n",
        err());
  }

  @Test
  void noDatabaseIsAUsageError() {
    int exit = run(Map.of("BUCKET", "reports"), "--source=expenses_obligated_2020_bond_raw");

    assertEquals(2, exit);
    assertEquals(
        "error: bond-data: the database is not configured: give"
            + " --jdbcUrl=jdbc:postgresql://host:5432/db, or set PGHOST and PGDATABASE\n",
        err());
  }

  private static void givenTheTableHasAnOldRow(String table) throws Exception {
    postgres.execute(
        BondDdl.load().createStatement(table)
            + ";"
            + "DELETE FROM "
            + table
            + ";"
            + "INSERT INTO "
            + table
            + " (updated_at) VALUES ('2020-01-01 00:00:00')");
  }

  private static void assertTheOldRowIsAllThereIs(String table) throws Exception {
    List<String> rows = BondTables.rows(postgres, table);
    assertEquals(1, rows.size(), rows::toString);
    assertEquals(
        List.of(rows.get(0).replaceAll("[^|]+", "NULL")), rows, "only the old row, all NULL");
    assertEquals(List.of("2020-01-01 00:00:00"), BondTables.updatedAt(postgres, table));
    assertEquals(List.of(), BondTables.stagingTables(postgres));
  }
}
