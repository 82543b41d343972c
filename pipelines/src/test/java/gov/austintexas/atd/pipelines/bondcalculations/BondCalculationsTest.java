package gov.austintexas.atd.pipelines.bondcalculations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import gov.austintexas.atd.pipelines.bondcalculations.BondDatasets.Dataset;
import gov.austintexas.atd.standins.socrata.SocrataEmulator;
import gov.austintexas.atd.testing.PostgresSchema;
import gov.austintexas.atd.transforms.BadDataException;
import gov.austintexas.atd.transforms.json.Json;
import gov.austintexas.atd.transforms.socrata.FieldNames;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bond-calculations} end to end on the real PostgreSQL, seeded with a small data set over
 * three fiscal years (test resource bond/calculations-seed.sql); every row of the seven datasets is
 * checked against the values worked out by hand in expected/bond/calculations.
 */
class BondCalculationsTest {
  @RegisterExtension static final PostgresSchema postgres = new PostgresSchema();

  @TempDir Path outputDir;

  @BeforeEach
  void seedTheBondTables() throws Exception {
    BondCalculationsFixture.seed(postgres);
  }

  private BondCalculationsOptions options(String... more) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "--jdbcUrl=" + postgres.jdbcUrl(),
                "--dbUser=" + PostgresSchema.user(),
                "--outputDir=" + outputDir));
    args.addAll(List.of(more));
    return PipelineOptionsFactory.fromArgs(args.toArray(new String[0]))
        .withValidation()
        .as(BondCalculationsOptions.class);
  }

  private static List<String> expected(Dataset dataset) {
    return BondCalculationsFixture.expected(dataset);
  }

  private List<String> written(Dataset dataset) throws Exception {
    return BondCalculationsFixture.rows(Files.readString(outputDir.resolve(dataset.fileName())));
  }

  @Test
  void dryRunWritesEveryRowOfTheSevenDatasetsAsWorkedOutByHand() throws Exception {
    // A part a killed run left next to a dataset file: removed before this run writes.
    Path leftover =
        Files.writeString(
            outputDir.resolve(
                ".summary_2020_current.json.staging-20200101T000000000Z-0b9d3c1e-5f64-4a52-9a0e-9d2b1f7c6a10-bundle-1"),
            "[\n");
    List<String> summary = new BondCalculations(Map.of()).run(options("--dryRun"));

    assertFalse(Files.exists(leftover), "the killed run's part was removed");

    for (Dataset dataset : Dataset.values()) {
      assertEquals(expected(dataset), written(dataset), dataset.name());
    }
    String dir = outputDir + "/";
    assertEquals(
        List.of(
            "vs3t-h2aj (2020 bond expenses, every fiscal year): 19 rows, written to "
                + dir
                + "expenses_2020_current.json; dry run, not published",
            "jdna-s8qn (2020 bond expenses, fiscal years before the latest): 12 rows, written to "
                + dir
                + "expenses_2020_previous.json; dry run, not published",
            "rrww-ybw6 (all bonds expenses): 5 rows, written to "
                + dir
                + "all_bonds_expenses.json; dry run, not published",
            "hq9n-d77y (2020 bond summary, fiscal year FY*): 7 rows, written to "
                + dir
                + "summary_2020_current.json; dry run, not published",
            "5ewg-ssu3 (2020 bond summary, fiscal year FY* - 1): 5 rows, written to "
                + dir
                + "summary_2020_previous.json; dry run, not published",
            "9ufs-k2md (all bonds metadata): 2 rows, written to "
                + dir
                + "all_bonds_metadata.json; dry run, not published",
            "mri6-eexh (all bonds lookup): 2 rows, written to "
                + dir
                + "all_bonds_lookup.json; dry run, not published",
            "dashboard preview: " + dir + "preview.html",
            "note: 1 group keys of expenses_obligated_2020_bond_raw have no entry in"
                + " bond_2020_aims_to_dashboard, so their expenses are not in the summary tables:"
                + " 7400801363075300",
            "note: 3 planned (table, table_col, dashboard id) keys have no Baseline or Expenses, so"
                + " they are not rows: FY2023 2023 05 6000-8012-6207-5216, FY2024 2023 11"
                + " 6000-8012-6207-9999, FY2024 2024 01 6000-8012-6207-5216"),
        summary);
  }

  /** A Socrata emulator with the seven datasets, each holding one old row. */
  private static SocrataEmulator socrata() throws Exception {
    SocrataEmulator socrata =
        SocrataEmulator.start().addAppToken("bond-token").addUser("bond-key", "bond-secret");
    for (Dataset dataset : Dataset.values()) {
      List<String> columns = new ArrayList<>();
      Json.MAPPER
          .readTree(expected(dataset).get(0))
          .fieldNames()
          .forEachRemaining(column -> columns.add(FieldNames.normalize(column)));
      String id =
          BondCalculations.datasetId(
              dataset, PipelineOptionsFactory.as(BondCalculationsOptions.class));
      socrata.createDataset(id, columns, null);
      socrata.insert(
          id,
          List.of((ObjectNode) Json.MAPPER.readTree("{\"" + columns.get(0) + "\":\"old row\"}")));
    }
    return socrata;
  }

  /**
   * Rows as the portal stores a replace's CSV upload: under the lower-case field names, every value
   * as its text, null fields left out.
   */
  private static List<String> withoutNulls(List<String> rows) throws Exception {
    List<String> stored = new ArrayList<>();
    for (String row : rows) {
      ObjectNode text = Json.MAPPER.createObjectNode();
      Json.MAPPER
          .readTree(row)
          .fields()
          .forEachRemaining(
              field -> {
                String value = Json.canonicalText(field.getValue());
                if (value != null) {
                  text.put(FieldNames.normalize(field.getKey()), value);
                }
              });
      stored.add(Json.MAPPER.writeValueAsString(text));
    }
    stored.sort(null);
    return stored;
  }

  private static List<String> stored(SocrataEmulator socrata, String id) throws Exception {
    List<String> rows = new ArrayList<>();
    for (ObjectNode row : socrata.rows(id)) {
      rows.add(Json.MAPPER.writeValueAsString(row));
    }
    rows.sort(null);
    return rows;
  }

  private static String[] socrataArgs(SocrataEmulator socrata, String... more) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "--socrataHost=" + socrata.baseUrl(),
                "--socrataRetryBackoffMillis=10",
                "--socrataMaxRetries=2"));
    args.addAll(List.of(more));
    return args.toArray(new String[0]);
  }

  private static final Map<String, String> SOCRATA_ENV =
      Map.of("SO_TOKEN", "bond-token", "SO_KEY", "bond-key", "SO_SECRET", "bond-secret");

  @Test
  void replacesTheSevenSocrataDatasetsWithExactlyTheCalculatedRows() throws Exception {
    try (SocrataEmulator socrata = socrata()) {
      List<String> summary =
          new BondCalculations(SOCRATA_ENV).run(options(socrataArgs(socrata, "--chunkSize=4")));

      for (Dataset dataset : Dataset.values()) {
        String id = BondCalculations.datasetId(dataset, options());
        assertEquals(withoutNulls(expected(dataset)), stored(socrata, id), dataset.name());
      }
      assertEquals(
          "vs3t-h2aj (2020 bond expenses, every fiscal year): 19 rows, written to "
              + outputDir
              + "/expenses_2020_current.json; replaced in Socrata (19 rows)",
          summary.get(0));
      assertEquals(
          "mri6-eexh (all bonds lookup): 2 rows, written to "
              + outputDir
              + "/all_bonds_lookup.json; replaced in Socrata (2 rows)",
          summary.get(6));
      assertFalse(String.join("\n", summary).contains("bond-secret"));
    }
  }

  @Test
  void aDatasetWhoseReplaceFailsKeepsItsRowsAndTheRunExitsWithWriteFailures() throws Exception {
    try (SocrataEmulator socrata = socrata()) {
      // With chunks of 4, the 19 rows of vs3t-h2aj are uploaded in five chunks; the third always
      // fails.
      socrata.faults().failCalls("source.chunk", "vs3t-h2aj", 3, 100, 500);

      var failure =
          assertThrows(
              gov.austintexas.atd.pipelines.WriteFailedException.class,
              () ->
                  new BondCalculations(SOCRATA_ENV)
                      .run(options(socrataArgs(socrata, "--chunkSize=4"))));

      assertEquals(List.of("{\"fund\":\"old row\"}"), stored(socrata, "vs3t-h2aj"));
      assertEquals(
          withoutNulls(expected(Dataset.ALL_BONDS_EXPENSES)), stored(socrata, "rrww-ybw6"));
      assertTrue(
          failure
              .getMessage()
              .contains(
                  "vs3t-h2aj (2020 bond expenses, every fiscal year): 19 rows, written to "
                      + outputDir
                      + "/expenses_2020_current.json; NOT replaced in Socrata, it keeps its"
                      + " previous rows"),
          failure.getMessage());
      assertTrue(
          failure
              .getMessage()
              .contains(
                  "vs3t-h2aj: replace of 19 rows failed before it was applied: Socrata dataset"
                      + " vs3t-h2aj, upload chunk 3 of 5 (bytes "),
          failure.getMessage());
      assertTrue(
          failure
              .getMessage()
              .contains("the revision was discarded, dataset vs3t-h2aj keeps its previous rows"),
          failure.getMessage());
      assertEquals(0, socrata.openRevisions("vs3t-h2aj"));
    }
  }

  @Test
  void theFlinkRunnerComputesTheSameRows() throws Exception {
    new BondCalculations(Map.of())
        .run(options("--dryRun", "--runner=FlinkRunner", "--flinkMaster=[local]"));

    for (Dataset dataset : Dataset.values()) {
      assertEquals(expected(dataset), written(dataset), dataset.name());
    }
  }

  @Test
  void anEmptyCurrentSpendPlanFailsBeforeAnythingIsWrittenOrPublished() throws Exception {
    try (Connection connection = postgres.connect();
        Statement statement = connection.createStatement()) {
      statement.execute("DELETE FROM bond_2020_current_fy_spend_plan");
    }

    try (SocrataEmulator socrata = socrata()) {
      BadDataException failure =
          assertThrows(
              BadDataException.class,
              () -> run(new BondCalculations(SOCRATA_ENV), options(socrataArgs(socrata))));

      assertEquals(
          "bond_2020_current_fy_spend_plan has no rows, so the summary tables' fiscal year (FY*) is"
              + " unknown",
          failure.getMessage());
      try (var files = Files.list(outputDir)) {
        assertEquals(List.of(), files.toList());
      }
      for (Dataset dataset : Dataset.values()) {
        String id = BondCalculations.datasetId(dataset, options());
        assertEquals(1, socrata.rows(id).size(), id + " still holds only its old row");
      }
      assertEquals(0, socrata.requests("PUT", "vs3t-h2aj") + socrata.requests("POST", "vs3t-h2aj"));
    }
  }

  @Test
  void aDatasetWithNoRowsIsRefusedAndNothingIsWritten() throws Exception {
    try (Connection connection = postgres.connect();
        Statement statement = connection.createStatement()) {
      statement.execute("DELETE FROM all_bonds_aims_to_dashboard");
    }

    BadDataException failure = assertThrows(BadDataException.class, () -> run(options("--dryRun")));

    // The count or the file writer may notice first; both refuse in the same words.
    assertEquals(
        "mri6-eexh: the calculation gave no rows; a dataset is never replaced with zero rows, so"
            + " nothing was published",
        failure.getMessage());
    try (var files = Files.list(outputDir)) {
      assertEquals(List.of(), files.toList());
    }
  }

  @Test
  void aRowWithNoDateFailsNamingTheTableRowAndColumn() throws Exception {
    try (Connection connection = postgres.connect();
        Statement statement = connection.createStatement()) {
      statement.execute("UPDATE bond_2020_baseline_spend SET date = NULL WHERE amount = 60");
    }

    BadDataException failure = assertThrows(BadDataException.class, () -> run(options("--dryRun")));

    // The fifth row of the seed; the updated row stays the last one a scan of the fresh table
    // meets.
    assertEquals(
        "bond_2020_baseline_spend row 5, column date: the value is empty; the calculations need it"
            + " to place the row",
        failure.getMessage());
  }

  @Test
  void dryRunWithoutAnOutputDirIsAUsageError() throws Exception {
    // The database is a socket that records whether anyone connected: a usage error comes before
    // any I/O.
    try (ServerSocket database = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      BondCalculationsOptions options =
          PipelineOptionsFactory.fromArgs(
                  "--jdbcUrl=jdbc:postgresql://127.0.0.1:" + database.getLocalPort() + "/bond",
                  "--dbConnectTimeoutSeconds=2",
                  "--dbSocketTimeoutSeconds=2",
                  "--dryRun")
              .as(BondCalculationsOptions.class);
      var failure =
          assertThrows(
              gov.austintexas.atd.pipelines.UsageException.class,
              () -> new BondCalculations(Map.of()).run(options));
      assertEquals(
          "--dryRun publishes nothing and only writes the --outputDir files: give --outputDir",
          failure.getMessage());

      database.setSoTimeout(200);
      assertThrows(
          SocketTimeoutException.class,
          database::accept,
          "the run connected to the database before refusing");
    }
  }

  /** Runs and unwraps the runner's wrapping of a failure inside the pipeline. */
  private static void run(BondCalculationsOptions options) throws Throwable {
    run(new BondCalculations(Map.of()), options);
  }

  private static void run(BondCalculations pipeline, BondCalculationsOptions options)
      throws Throwable {
    try {
      pipeline.run(options);
    } catch (RuntimeException failure) {
      Throwable cause = failure;
      while (cause.getCause() != null && !(cause instanceof BadDataException)) {
        cause = cause.getCause();
      }
      throw cause;
    }
  }
}
