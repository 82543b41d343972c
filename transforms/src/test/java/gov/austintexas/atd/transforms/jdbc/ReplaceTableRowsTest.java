package gov.austintexas.atd.transforms.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import gov.austintexas.atd.testing.PostgresSchema;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.logicaltypes.SqlTypes;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestPipelineExtension;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.Row;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Against the real PostgreSQL: staged with COPY, swapped in one transaction, or left alone. */
@ExtendWith(TestPipelineExtension.class)
class ReplaceTableRowsTest {
  @RegisterExtension static final PostgresSchema postgres = new PostgresSchema();

  private static final Schema SCHEMA =
      Schema.builder()
          .addNullableField("key", Schema.FieldType.STRING)
          .addNullableField("group", Schema.FieldType.STRING)
          .addNullableField("amount", Schema.FieldType.DECIMAL)
          .addNullableField("date", Schema.FieldType.logicalType(SqlTypes.DATE))
          .build();
  private static final LocalDateTime STAMP = LocalDateTime.parse("2024-05-01T12:00:00.123456");

  @BeforeEach
  void oldRows() throws Exception {
    postgres.execute(
        "DROP TABLE IF EXISTS spend;CREATE TABLE spend (key text, \"group\" text, amount numeric,"
            + " date date, updated_at timestamp);INSERT INTO spend VALUES ('old', 'g', 1.00,"
            + " '2020-01-01', '2020-01-02 00:00:00')");
  }

  private static JdbcSettings database() {
    return new JdbcSettings(postgres.jdbcUrl(), PostgresSchema.user(), null);
  }

  private static Row row(String key, String group, String amount, LocalDate date) {
    return Row.withSchema(SCHEMA)
        .addValues(key, group, amount == null ? null : new BigDecimal(amount), date)
        .build();
  }

  private static PCollection<Row> rows(TestPipeline pipeline, int count) {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      rows.add(
          row(
              "k" + i,
              i % 2 == 0 ? "a,\"b\"\nc" : null,
              i % 3 == 0 ? null : "-" + i + ".05",
              LocalDate.of(2024, 1, 1).plusDays(i)));
    }
    return pipeline.apply(Create.of(rows).withRowSchema(SCHEMA));
  }

  private static List<String> table() throws Exception {
    List<String> rows = new ArrayList<>();
    try (Connection connection = postgres.connect();
        Statement statement = connection.createStatement();
        ResultSet result =
            statement.executeQuery(
                "SELECT concat_ws('|', key, coalesce(\"group\", 'NULL'), coalesce(amount::text,"
                    + " 'NULL'), date, updated_at) FROM spend ORDER BY key")) {
      while (result.next()) {
        rows.add(result.getString(1));
      }
    }
    return rows;
  }

  private static List<String> stagingTables() throws Exception {
    List<String> names = new ArrayList<>();
    try (Connection connection = postgres.connect();
        Statement statement = connection.createStatement();
        ResultSet result =
            statement.executeQuery(
                "SELECT table_name FROM information_schema.tables"
                    + " WHERE table_schema = current_schema() AND table_name <> 'spend'")) {
      while (result.next()) {
        names.add(result.getString(1));
      }
    }
    return names;
  }

  @Test
  void stagingTablesKilledRunsLeftAreDroppedAndALiveRunsAreKept() throws Exception {
    postgres.execute(
        "CREATE UNLOGGED TABLE spend_staging_20261201115958_0a1b2c (key text);" // killed, before
            // the run
            + "CREATE UNLOGGED TABLE spend_staging_3f2e6a4c (key text);" // killed, named by an
            // earlier version
            + "CREATE UNLOGGED TABLE spend_staging_20261201120000_0d1e2f (key text);" // this run's
            // second
            + "CREATE UNLOGGED TABLE spend_staging_20261201115959_1a2b3c (key text);" // a live
            // run's,
            // still
            // filling
            + "CREATE TABLE spend_staging_notes (key text);"); // not a staging table
    try (Connection live = postgres.connect();
        Statement copying = live.createStatement()) {
      live.setAutoCommit(false);
      copying.execute(
          "INSERT INTO spend_staging_20261201115959_1a2b3c VALUES ('live')"); // holds its lock

      List<String> dropped =
          ReplaceTableRows.removeLeftovers(
              database(), "spend", java.time.Instant.parse("2026-12-01T12:00:00.500Z"));

      assertEquals(
          List.of("table spend_staging_20261201115958_0a1b2c", "table spend_staging_3f2e6a4c"),
          dropped.stream().sorted().toList());
      live.rollback();
    }
    assertEquals(
        List.of(
            "spend_staging_20261201115959_1a2b3c",
            "spend_staging_20261201120000_0d1e2f",
            "spend_staging_notes"),
        stagingTables().stream().sorted().toList());
    postgres.execute(
        "DROP TABLE spend_staging_20261201115959_1a2b3c; DROP TABLE"
            + " spend_staging_20261201120000_0d1e2f;DROP TABLE spend_staging_notes");
  }

  @Test
  void replacesEveryRowAndStampsThem(TestPipeline pipeline) throws Exception {
    PCollection<ReplaceOutcome> outcome =
        rows(pipeline, 4)
            .apply(ReplaceTableRows.into(database(), "spend").stamping("updated_at", STAMP));

    PAssert.that(outcome).containsInAnyOrder(ReplaceOutcome.replaced("spend", 4));
    pipeline.run().waitUntilFinish();

    assertEquals(
        List.of(
            "k0|a,\"b\"\nc|NULL|2024-01-01|2024-05-01 12:00:00.123456",
            "k1|NULL|-1.05|2024-01-02|2024-05-01 12:00:00.123456",
            "k2|a,\"b\"\nc|-2.05|2024-01-03|2024-05-01 12:00:00.123456",
            "k3|NULL|NULL|2024-01-04|2024-05-01 12:00:00.123456"),
        table());
    assertEquals(List.of(), stagingTables());
  }

  @Test
  void leavesTheTableAsItWasWhenTheInputHadProblems(TestPipeline pipeline) throws Exception {
    PCollectionView<Long> problems =
        pipeline.apply("Problems", Create.of(2L)).apply(View.asSingleton());

    PCollection<ReplaceOutcome> outcome =
        rows(pipeline, 3)
            .apply(
                ReplaceTableRows.into(database(), "spend")
                    .stamping("updated_at", STAMP)
                    .unless(problems));

    PAssert.that(outcome)
        .containsInAnyOrder(ReplaceOutcome.leftAsItWas("spend", "the input has invalid rows"));
    pipeline.run().waitUntilFinish();

    assertEquals(List.of("old|g|1.00|2020-01-01|2020-01-02 00:00:00"), table());
    assertEquals(List.of(), stagingTables(), "the staged rows were dropped");
  }
}
