package gov.austintexas.atd.pipelines.bondcalculations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import gov.austintexas.atd.transforms.json.Json;
import java.math.BigDecimal;
import java.time.LocalDate;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestPipelineExtension;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The fill of the cross product and the running totals of the expense datasets. */
@ExtendWith(TestPipelineExtension.class)
class ExpenseFillTest {

  /** A 2020 bond row of fund F, department 1, division D; {@code expenses} may be null. */
  static Expense2020Row expense2020(
      String group, int fiscalYear, String date, String expenses, long ordinal) {
    return new Expense2020Row(
        "F",
        1,
        LocalDate.parse(date),
        group,
        fiscalYear,
        "D",
        BigDecimal.ONE,
        expenses == null ? null : new BigDecimal(expenses),
        null,
        Expense2020Row.groupKey(1, "F", "D", group),
        ordinal);
  }

  private static AllBondsExpenseRow allBonds(
      String group, String date, String expenses, long ordinal) {
    return new AllBondsExpenseRow(
        "F",
        null,
        "D",
        null,
        1,
        null,
        LocalDate.parse(date),
        group,
        null,
        null,
        new BigDecimal(expenses),
        null,
        AllBondsExpenseRow.groupKey(1, "F", "D", group),
        ordinal);
  }

  private static PCollection<String> describe(PCollection<String> rows) {
    return rows.apply(
        "Describe", MapElements.into(TypeDescriptors.strings()).via(text -> describe(text)));
  }

  /** An expense dataset row as {@code group|fiscal year|date|expenses|sum|obligated|sum}. */
  static String describe(String text) {
    ObjectNode row = parse(text);
    return String.join(
        "|",
        row.get("aims_dept_prog_act").asText(),
        row.path("fiscal_year").toString(),
        row.get("date").asText().substring(0, 10),
        row.get("expenses").toString(),
        row.get("sum_expenses").toString(),
        row.get("obligated").toString(),
        row.get("sum_obligated").toString());
  }

  private static ObjectNode parse(String text) {
    try {
      return (ObjectNode) Json.MAPPER.readTree(text);
    } catch (Exception e) {
      throw new IllegalArgumentException(text, e);
    }
  }

  @Test
  void fillsEveryFiscalYearDateAndGroupWithNoRowAndTotalsInDateOrder(TestPipeline pipeline) {
    PCollection<String> rows =
        pipeline
            .apply(
                Create.of(
                    expense2020("X", 2024, "2024-01-02", "2.5", 1),
                    expense2020("X", 2024, "2023-11-01", "1", 2),
                    expense2020("X", 2024, "2024-01-02", null, 3),
                    expense2020("Y", 2023, "2023-11-01", "4", 4)))
            .apply(new Expenses2020.Fill())
            .apply(
                new Expenses2020.Datasets(
                    pipeline.apply("Latest", Create.of(2024)).apply(View.asSingleton())))
            .get(Expenses2020.EVERY_YEAR);
    // F × D × G = {2023, 2024} × {2023-11-01, 2024-01-02} × {1FDX, 1FDY}: 8 (series, date) pairs,
    // 3 with rows (one with two rows on the same date, totalled in table order), 5 filled with
    // zeros.
    PAssert.that(describe(rows))
        .containsInAnyOrder(
            "1FDX|2024|2023-11-01|1|1|1|1",
            "1FDX|2024|2024-01-02|2.5|3.5|1|2",
            "1FDX|2024|2024-01-02|null|null|1|3",
            "1FDX|2023|2023-11-01|0|0|0|0",
            "1FDX|2023|2024-01-02|0|0|0|0",
            "1FDY|2023|2023-11-01|4|4|1|1",
            "1FDY|2023|2024-01-02|0|4|0|1",
            "1FDY|2024|2023-11-01|0|0|0|0",
            "1FDY|2024|2024-01-02|0|0|0|0");
    pipeline.run().waitUntilFinish();
  }

  @Test
  void allBondsKeepsDuplicateRowsAndFillsOnlyWhatIsMissing(TestPipeline pipeline) {
    PCollection<String> rows =
        pipeline
            .apply(
                Create.of(
                    allBonds("X", "2023-01-01", "1", 1),
                    allBonds("X", "2023-01-01", "1", 2),
                    allBonds("Y", "2023-02-01", "7", 3)))
            .apply(new AllBondsExpenses());
    // All-bonds rows have no fiscal year column, hence the empty second field.
    PAssert.that(describe(rows))
        .containsInAnyOrder(
            "1FDX||2023-01-01|1|1|null|null",
            "1FDX||2023-01-01|1|2|null|null",
            "1FDX||2023-02-01|0|2|0|0",
            "1FDY||2023-01-01|0|0|0|0",
            "1FDY||2023-02-01|7|7|null|null");
    pipeline.run().waitUntilFinish();
  }
}
