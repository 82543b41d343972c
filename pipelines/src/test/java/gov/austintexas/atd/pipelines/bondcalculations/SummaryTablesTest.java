package gov.austintexas.atd.pipelines.bondcalculations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import gov.austintexas.atd.transforms.json.Json;
import java.math.BigDecimal;
import java.time.LocalDate;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestPipelineExtension;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The summary joins on a few rows, FY* = 2024: Planned-only keys dropped, Baseline-only keys kept,
 * FY*'s own "0FY 24" dropped from the previous table, and empty values in running totals.
 */
@ExtendWith(TestPipelineExtension.class)
class SummaryTablesTest {
  private static final String A = "A";
  private static final String B = "B";

  private static Expense2020Row expense(int fiscalYear, String date, String amount) {
    return new Expense2020Row(
        "8012",
        6000,
        LocalDate.parse(date),
        "5216",
        fiscalYear,
        "6207",
        BigDecimal.ZERO,
        amount == null ? null : new BigDecimal(amount),
        null,
        "G",
        1);
  }

  private static DatedAmount plan(String id, String date, String amount) {
    return new DatedAmount(id, LocalDate.parse(date), new BigDecimal(amount));
  }

  private static PCollection<String> rows(PCollection<String> table, String name) {
    return table.apply(
        name, MapElements.into(TypeDescriptors.strings()).via(SummaryTablesTest::describe));
  }

  private static String describe(String text) {
    ObjectNode row;
    try {
      row = (ObjectNode) Json.MAPPER.readTree(text);
    } catch (Exception e) {
      throw new IllegalArgumentException(text, e);
    }
    return String.join(
        "|",
        row.get("table_col").asText(),
        row.get("dashboard_deptfundprogact").asText(),
        row.get("Expenses").toString(),
        row.get("Baseline").toString(),
        row.get("Planned").toString(),
        row.get("Sum_expenses").toString(),
        row.get("Sum_baseline").toString(),
        row.get("Sum_planned").toString());
  }

  @Test
  void joinsDropsAndTotals(TestPipeline pipeline) {
    PCollectionTuple input =
        PCollectionTuple.of(
                SummaryTables.EXPENSES,
                pipeline.apply(
                    "Expenses",
                    Create.of(
                        expense(2024, "2023-10-10", "10.10"),
                        expense(2024, "2023-12-01", null),
                        expense(2024, "2024-02-01", "5"),
                        expense(2023, "2023-01-01", "1.5"))))
            .and(
                SummaryTables.CROSSWALK,
                pipeline.apply(
                    "Crosswalk",
                    Create.of(KV.of("G", A))
                        .withCoder(KvCoder.of(StringUtf8Coder.of(), StringUtf8Coder.of()))))
            .and(
                SummaryTables.BASELINE,
                pipeline.apply(
                    "Baseline",
                    Create.of(
                        plan(A, "2023-12-31", "100"),
                        plan(A, "2023-01-31", "40"),
                        plan(B, "2024-03-31", "9"))))
            .and(
                SummaryTables.CURRENT_PLAN,
                pipeline.apply(
                    "Current plan",
                    Create.of(plan(A, "2023-10-31", "7"), plan(A, "2024-08-31", "3"))))
            .and(
                SummaryTables.PREVIOUS_PLAN,
                pipeline.apply("Previous plan", Create.of(plan(A, "2023-01-15", "2"))))
            .apply(new SummaryTables());

    // FY2024: A's Dec 2023 expense is empty: Expenses 0 (the key exists), and its month has
    // Baseline 100.
    // A's "2024 08" is planned only: no row. B is Baseline only: kept.
    PAssert.that(rows(input.get(SummaryTables.CURRENT), "Current"))
        .containsInAnyOrder(
            "0FY 23|A|1.5|40|null|1.5|40|null",
            "2023 10|A|10.1|null|7|11.6|null|7",
            "2023 12|A|0|100|null|11.6|140|null",
            "2024 02|A|5|null|null|16.6|null|null",
            "2024 03|B|null|9|null|null|9|null");
    // FY2023: FY2024's expenses and B's baseline are "0FY 24", which the previous table drops.
    PAssert.that(rows(input.get(SummaryTables.PREVIOUS), "Previous"))
        .containsInAnyOrder("2023 01|A|1.5|40|2|1.5|40|2");
    PAssert.that(input.get(SummaryTables.NOTES))
        .containsInAnyOrder(
            "1 planned (table, table_col, dashboard id) keys have no Baseline or Expenses, so they"
                + " are not rows: FY2024 2024 08 A");
    pipeline.run().waitUntilFinish();
  }
}
