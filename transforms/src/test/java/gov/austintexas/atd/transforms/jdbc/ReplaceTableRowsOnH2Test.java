package gov.austintexas.atd.transforms.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.logicaltypes.SqlTypes;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestPipelineExtension;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * On H2 in PostgreSQL mode (the demo's warehouse), which has no COPY and no PostgreSQL locks: the
 * staging table is filled with batched INSERTs (2,500 rows: more than two batches) and swapped in
 * the same way.
 */
@ExtendWith(TestPipelineExtension.class)
class ReplaceTableRowsOnH2Test {
  private static final Schema SCHEMA =
      Schema.builder()
          .addNullableField("code", Schema.FieldType.STRING)
          .addNullableField("group", Schema.FieldType.STRING)
          .addNullableField("amount", Schema.FieldType.DECIMAL)
          .addNullableField("date", Schema.FieldType.logicalType(SqlTypes.DATE))
          .build();
  private static final LocalDateTime STAMP = LocalDateTime.parse("2024-05-01T12:00:00.123456");

  private final String url =
      "jdbc:h2:mem:replace-" + UUID.randomUUID() + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE";
  private Connection keepAlive;

  @BeforeEach
  void oldRows() throws Exception {
    keepAlive = DriverManager.getConnection(url);
    try (Statement statement = keepAlive.createStatement()) {
      statement.execute(
          "CREATE TABLE spend (code text, \"group\" text, amount numeric, date date, updated_at"
              + " timestamp)");
      statement.execute(
          "INSERT INTO spend VALUES ('old', 'g', 1.00, DATE '2020-01-01', TIMESTAMP '2020-01-02"
              + " 00:00:00')");
    }
  }

  @AfterEach
  void dropDatabase() throws Exception {
    keepAlive.close();
  }

  @Test
  void replacesEveryRowThroughBatchedInserts(TestPipeline pipeline) throws Exception {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < 2500; i++) {
      rows.add(
          Row.withSchema(SCHEMA)
              .addValues(
                  String.format("k%04d", i),
                  i % 2 == 0 ? "a,\"b\"" : null,
                  i % 3 == 0 ? null : new BigDecimal("-" + i + ".05"),
                  LocalDate.of(2024, 1, 1).plusDays(i % 365))
              .build());
    }
    PCollection<ReplaceOutcome> outcome =
        pipeline
            .apply(Create.of(rows).withRowSchema(SCHEMA))
            .apply(
                ReplaceTableRows.into(new JdbcSettings(url, null, null), "spend")
                    .stamping("updated_at", STAMP));

    PAssert.that(outcome).containsInAnyOrder(ReplaceOutcome.replaced("spend", 2500));
    pipeline.run().waitUntilFinish();

    assertEquals(
        List.of(
            "2500|1250|2024-05-01 12:00:00.123456",
            "k0000|a,\"b\"|null|2024-01-01",
            "k0001|null|-1.05|2024-01-02",
            "k2499|null|null|2024-11-05"),
        query(
            "SELECT count(*) || '|' || count(\"group\") || '|' || max(updated_at) FROM spend",
            "SELECT code || '|' || coalesce(\"group\", 'null') || '|' || coalesce(CAST(amount AS"
                + " varchar), 'null') || '|' || date FROM spend WHERE code IN ('k0000', 'k0001',"
                + " 'k2499') ORDER BY code"));
    assertEquals(
        List.of("spend"),
        query(
            "SELECT table_name FROM information_schema.tables WHERE table_schema ="
                + " current_schema()"),
        "the staging table was dropped");
  }

  private List<String> query(String... sqls) throws Exception {
    List<String> lines = new ArrayList<>();
    try (Statement statement = keepAlive.createStatement()) {
      for (String sql : sqls) {
        try (ResultSet result = statement.executeQuery(sql)) {
          while (result.next()) {
            lines.add(result.getString(1));
          }
        }
      }
    }
    return lines;
  }
}
