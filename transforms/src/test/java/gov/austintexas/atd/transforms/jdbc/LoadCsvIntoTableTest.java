package gov.austintexas.atd.transforms.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import gov.austintexas.atd.testing.PostgresSchema;
import gov.austintexas.atd.transforms.failure.Failure;
import gov.austintexas.atd.transforms.validation.ColumnSpec;
import gov.austintexas.atd.transforms.validation.ColumnType;
import gov.austintexas.atd.transforms.validation.TableSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestPipelineExtension;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A CSV cut into many chunks, each parsed, validated and staged on its own, then swapped in whole.
 */
@ExtendWith(TestPipelineExtension.class)
class LoadCsvIntoTableTest {
  @RegisterExtension static final PostgresSchema postgres = new PostgresSchema();

  private static final TableSpec TABLE =
      new TableSpec(
          "plan",
          List.of(
              ColumnSpec.of("Key", "key", ColumnType.TEXT, true),
              ColumnSpec.of("Date", "date", ColumnType.DATE, true),
              ColumnSpec.of("Amount", "amount", ColumnType.NUMERIC, false)));
  private static final LocalDateTime STAMP = LocalDateTime.parse("2024-05-01T12:00:00");

  @TempDir Path directory;

  @BeforeEach
  void oldRows() throws Exception {
    postgres.execute(
        "DROP TABLE IF EXISTS plan;"
            + "CREATE TABLE plan (key text, date date, amount numeric, updated_at timestamp);"
            + "INSERT INTO plan VALUES ('old', '2020-01-01', 1.00, '2020-01-02 00:00:00')");
  }

  private static JdbcSettings database() {
    return new JdbcSettings(postgres.jdbcUrl(), PostgresSchema.user(), null);
  }

  /** 300 rows, every fifth key spanning two lines; {@code badRow} (if any) has a bad amount. */
  private Path csv(int badRow) throws Exception {
    StringBuilder text = new StringBuilder("Amount,Key,Date\n");
    for (int i = 0; i < 300; i++) {
      String key = i % 5 == 0 ? "\"k" + i + "\n(b)\"" : "k" + i;
      text.append(i == badRow ? "12.3.4" : i + ".25")
          .append(',')
          .append(key)
          .append(",1/")
          .append(1 + i % 28)
          .append("/2024\n");
    }
    Path file = directory.resolve("plan.csv");
    Files.writeString(file, text);
    return file;
  }

  private static List<String> table() throws Exception {
    List<String> rows = new ArrayList<>();
    try (Connection connection = postgres.connect();
        Statement statement = connection.createStatement();
        ResultSet result =
            statement.executeQuery(
                "SELECT key || '|' || date || '|' || coalesce(amount::text, 'NULL')"
                    + " || '|' || updated_at FROM plan ORDER BY amount")) {
      while (result.next()) {
        rows.add(result.getString(1));
      }
    }
    return rows;
  }

  @Test
  void everyChunkIsStagedAndTheTableReplacedWhole(TestPipeline pipeline) throws Exception {
    Path file = csv(-1);

    PCollectionTuple loaded =
        pipeline
            .apply(Create.of(file.toString()))
            .apply(
                LoadCsvIntoTable.into(TABLE, database())
                    .stamping("updated_at", STAMP)
                    .withChunkBytes(100));

    PAssert.that(loaded.get(LoadCsvIntoTable.OUTCOME))
        .containsInAnyOrder(ReplaceOutcome.replaced("plan", 300));
    PAssert.that(loaded.get(LoadCsvIntoTable.INVALID)).empty();
    pipeline.run().waitUntilFinish();

    List<String> expected = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      expected.add(
          (i % 5 == 0 ? "k" + i + "\n(b)" : "k" + i)
              + "|2024-01-"
              + String.format("%02d", 1 + i % 28)
              + "|"
              + i
              + ".25|2024-05-01 12:00:00");
    }
    assertEquals(expected, table());
  }

  @Test
  void aBadRowInALateChunkLeavesTheTableAsItWas(TestPipeline pipeline) throws Exception {
    Path file = csv(287);

    PCollectionTuple loaded =
        pipeline
            .apply(Create.of(file.toString()))
            .apply(
                LoadCsvIntoTable.into(TABLE, database())
                    .stamping("updated_at", STAMP)
                    .withChunkBytes(100));

    PAssert.that(loaded.get(LoadCsvIntoTable.OUTCOME))
        .containsInAnyOrder(ReplaceOutcome.leftAsItWas("plan", "the input has invalid rows"));
    // Row 287 starts on line 2 (header) + 287 + 58 earlier line breaks inside keys (rows 0, 5, ...,
    // 285).
    PAssert.that(loaded.get(LoadCsvIntoTable.INVALID))
        .containsInAnyOrder(Failure.cell(file.toString(), 347, "Amount", "12.3.4", "not a number"));
    pipeline.run().waitUntilFinish();

    assertEquals(List.of("old|2020-01-01|1.00|2020-01-02 00:00:00"), table());
  }
}
