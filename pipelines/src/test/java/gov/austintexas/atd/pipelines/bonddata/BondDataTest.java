package gov.austintexas.atd.pipelines.bonddata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import gov.austintexas.atd.testing.PostgresSchema;
import gov.austintexas.atd.testing.S3MockServer;
import gov.austintexas.atd.testing.StaticFilesServer;
import gov.austintexas.atd.transforms.BadDataException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bond-data} against the real PostgreSQL: the two report files from S3Mock through Beam's S3
 * filesystem, the sheets over HTTP from a loopback server, one source from a {@code file:} URI and
 * one from a local path.
 */
class BondDataTest {
  private static final Clock FIRST_RUN =
      Clock.fixed(Instant.parse("2024-05-01T12:34:56.789Z"), ZoneOffset.UTC);
  private static final Clock SECOND_RUN =
      Clock.fixed(Instant.parse("2024-05-02T06:00:00Z"), ZoneOffset.UTC);

  @RegisterExtension static final PostgresSchema postgres = new PostgresSchema();
  @RegisterExtension static final S3MockServer s3 = new S3MockServer();
  @RegisterExtension static final StaticFilesServer sheets = new StaticFilesServer();

  @TempDir static Path directory;
  private static Map<String, String> locations;

  /**
   * Where each sample is served from: the report files at their keys in the bucket, one sheet as a
   * file: URI, one as a local path, the others over HTTP (one behind a redirect, as Google's are).
   */
  @BeforeAll
  static void serveTheSamples() throws Exception {
    s3.put(
        "reports/2020 Bond Expenses Obligated.csv",
        BondTables.sample("expenses_obligated_2020_bond_raw"));
    s3.put(
        "reports/All bonds Expenses Obligated.csv",
        BondTables.sample("expenses_obligated_all_bonds_raw"));
    locations = new HashMap<>();
    for (String source : BondTables.SOURCES.subList(2, BondTables.SOURCES.size())) {
      sheets.put(source + ".csv", BondTables.sample(source).getBytes(StandardCharsets.UTF_8));
      locations.put(source, sheets.url(source + ".csv"));
    }
    sheets.redirect("published/bond_2020_aims_to_dashboard", "bond_2020_aims_to_dashboard.csv");
    locations.put(
        "bond_2020_aims_to_dashboard", sheets.url("published/bond_2020_aims_to_dashboard"));
    Path fileSource = directory.resolve("all bonds spend plan.csv");
    Files.writeString(fileSource, BondTables.sample("all_bonds_spend_plan"));
    locations.put("all_bonds_spend_plan", fileSource.toUri().toString());
    Path pathSource = directory.resolve("bond_2020_program_names.csv");
    Files.writeString(pathSource, BondTables.sample("bond_2020_program_names"));
    locations.put("bond_2020_program_names", pathSource.toString());
  }

  private static BondDataOptions options(Path sourcesFile, String... more) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "--sourcesFile=" + sourcesFile,
                "--input=" + s3.bucketUrl() + "reports/",
                "--jdbcUrl=" + postgres.jdbcUrl(),
                "--dbUser=" + PostgresSchema.user(),
                "--httpTimeoutSeconds=10"));
    args.addAll(s3.pipelineArgs());
    args.addAll(List.of(more));
    return PipelineOptionsFactory.fromArgs(args.toArray(new String[0]))
        .withValidation()
        .as(BondDataOptions.class);
  }

  private static String locationOf(String source) {
    return switch (source) {
      case "expenses_obligated_2020_bond_raw" ->
          s3.bucketUrl() + "reports/2020 Bond Expenses Obligated.csv";
      case "expenses_obligated_all_bonds_raw" ->
          s3.bucketUrl() + "reports/All bonds Expenses Obligated.csv";
      default -> locations.get(source);
    };
  }

  @Test
  void everySourceLoadsItsSampleAndARerunLeavesTheSameRowsWithANewUpdatedAt() throws Exception {
    Path sources = BondTables.sourcesFile(directory, locations);
    Map<String, List<String>> expected = BondTables.expectedSampleTables();
    assertEquals(BondTables.SOURCES, List.copyOf(expected.keySet()));

    List<String> summary = new BondData(Map.of(), FIRST_RUN).run(options(sources));

    List<String> expectedSummary = new ArrayList<>();
    for (String source : BondTables.SOURCES) {
      expectedSummary.add(
          source + ": " + expected.get(source).size() + " rows loaded from " + locationOf(source));
    }
    expectedSummary.add("bond-data: 12 tables replaced, updated_at 2024-05-01T12:34:56.789 UTC");
    assertEquals(expectedSummary, summary);
    for (String source : BondTables.SOURCES) {
      assertEquals(expected.get(source), BondTables.rows(postgres, source), source);
      assertEquals(
          List.of("2024-05-01 12:34:56.789"), BondTables.updatedAt(postgres, source), source);
    }

    new BondData(Map.of(), SECOND_RUN).run(options(sources));

    for (String source : BondTables.SOURCES) {
      assertEquals(expected.get(source), BondTables.rows(postgres, source), source);
      assertEquals(List.of("2024-05-02 06:00:00"), BondTables.updatedAt(postgres, source), source);
    }
    assertEquals(List.of(), BondTables.stagingTables(postgres));
  }

  @Test
  void valuesRoundTripExactly() throws Exception {
    Path csv = directory.resolve("exact.csv");
    Files.writeString(
        csv,
        "Dashboard DeptFundProgAct,Date,Amount\n"
            + "a,1/2/2024,0.01\n"
            + "b,12/31/1999,-0.10\n"
            + "c,02/29/2024,12345678901234567890.123456789\n"
            + "d,10/01/2023,-1234567.89\n"
            + "e,07/04/2026,+5.50\n"
            + "f,07/05/2026,1e3\n"
            + "g,07/06/2026, 42 \n");

    new BondData(Map.of(), FIRST_RUN)
        .run(
            options(
                BondTables.sourcesFile(
                    directory, Map.of("bond_2020_current_fy_spend_plan", csv.toString())),
                "--source=bond_2020_current_fy_spend_plan"));

    assertEquals(
        List.of(
            "a|2024-01-02|0.01",
            "b|1999-12-31|-0.10",
            "c|2024-02-29|12345678901234567890.123456789",
            "d|2023-10-01|-1234567.89",
            "e|2026-07-04|5.50",
            "f|2026-07-05|1000",
            "g|2026-07-06|42"),
        BondTables.rows(postgres, "bond_2020_current_fy_spend_plan"));
  }

  @Test
  void aWriteThatFailsMidTableLeavesTheOldRowsAndNoDuplicates() throws Exception {
    String table = "bond_2020_baseline_spend";
    postgres.execute(
        BondDdl.load().createStatement(table)
            + ";"
            + "DELETE FROM "
            + table
            + ";"
            + "INSERT INTO "
            + table
            + " VALUES ('old-1', '2022-01-31', 10.10, '2022-02-01 00:00:00'),"
            + " ('old-2', '2022-02-28', -20.20, '2022-03-01 00:00:00');"
            // Rejects the second of the three new rows, after the first was inserted.
            + "ALTER TABLE "
            + table
            + " ADD CONSTRAINT reject_one CHECK (amount <> 12500.75)");
    List<String> before = BondTables.rows(postgres, table);
    try {
      BadDataException failure =
          assertThrows(
              BadDataException.class,
              () ->
                  new BondData(Map.of(), FIRST_RUN)
                      .run(
                          options(
                              BondTables.sourcesFile(directory, locations), "--source=" + table)));

      assertEquals(
          "1 of 1 sources not loaded, their tables left as they were: " + table,
          failure.getMessage());
      assertEquals(
          List.of(
              table
                  + ": not loaded, the table was left as it was: the database refused the new rows:"
                  + " ERROR: new row for relation \""
                  + table
                  + "\" violates check constraint \"reject_one\" Detail: Failing row contains"
                  + " (6000-8012-6207-5216, 2023-11-30, 12500.75, 2024-05-01 12:34:56.789)."),
          failure.details());
      assertEquals(List.of("old-1|2022-01-31|10.10", "old-2|2022-02-28|-20.20"), before);
      assertEquals(before, BondTables.rows(postgres, table));
      assertEquals(
          List.of("2022-02-01 00:00:00", "2022-03-01 00:00:00"),
          BondTables.updatedAt(postgres, table));
      assertEquals(List.of(), BondTables.stagingTables(postgres));
    } finally {
      postgres.execute("ALTER TABLE " + table + " DROP CONSTRAINT reject_one");
    }
  }

  @Test
  void oneBadSourceDoesNotStopTheOthers() throws Exception {
    String bad = "all_bonds_baseline_spend";
    postgres.execute(
        BondDdl.load().createStatement(bad)
            + ";"
            + "DELETE FROM "
            + bad
            + ";"
            + "INSERT INTO "
            + bad
            + " VALUES ('kept', '2021-01-31', 7, '2021-02-01 00:00:00')");
    sheets.put(
        "bad-baseline.csv",
        "Dashboard FundDeptProgAct,Date,Amount\nx,10/31/2023,100.5\n"
            .getBytes(StandardCharsets.UTF_8));
    Map<String, String> withOneBad = new HashMap<>(locations);
    withOneBad.put(bad, sheets.url("bad-baseline.csv"));

    BadDataException failure =
        assertThrows(
            BadDataException.class,
            () ->
                new BondData(Map.of(), SECOND_RUN)
                    .run(options(BondTables.sourcesFile(directory, withOneBad))));

    assertEquals(
        "1 of 12 sources not loaded, their tables left as they were: " + bad, failure.getMessage());
    assertEquals(
        List.of(
            bad + ": not loaded, the table was left as it was: 1 input error:",
            "  "
                + sheets.url("bad-baseline.csv")
                + ", line 2, column \"Amount\", value \"100.5\": not a whole number"),
        failure.details().stream().filter(line -> !line.contains("rows loaded from")).toList());
    assertEquals(
        11, failure.details().stream().filter(line -> line.contains("rows loaded from")).count());
    assertEquals(List.of("kept|2021-01-31|7"), BondTables.rows(postgres, bad));
    Map<String, List<String>> expected = BondTables.expectedSampleTables();
    for (String source : BondTables.SOURCES) {
      if (!source.equals(bad)) {
        assertEquals(expected.get(source), BondTables.rows(postgres, source), source);
        assertEquals(
            List.of("2024-05-02 06:00:00"), BondTables.updatedAt(postgres, source), source);
      }
    }
  }
}
