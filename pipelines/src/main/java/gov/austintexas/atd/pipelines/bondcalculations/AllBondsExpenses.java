package gov.austintexas.atd.pipelines.bondcalculations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PCollection;

/**
 * The all-bonds expenses, dataset {@code rrww-ybw6}: every input row is kept, every group key gets
 * a zero row on every date it lacks, and running totals run per group key across fiscal years in
 * date order. (The old system also dropped duplicate (key, date) rows, losing real rows; here only
 * fill rows are ever added.)
 */
public class AllBondsExpenses
    extends PTransform<PCollection<AllBondsExpenseRow>, PCollection<String>> {
  private static final long serialVersionUID = 1L;

  @Override
  public PCollection<String> expand(PCollection<AllBondsExpenseRow> rows) {
    FillAndTotal<AllBondsExpenseRow, String> filled = fillAndTotal();
    return rows.apply("Packed", filled.packing())
        .apply("Fill and running totals", filled)
        .get(filled.rows());
  }

  /** The fill and running totals in one grouping ({@link FillAndTotal}): a series per group key. */
  static FillAndTotal<AllBondsExpenseRow, String> fillAndTotal() {
    return new FillAndTotal<>(
        Dimensions.of(AllBondsExpenseRow::date, row -> null, AllBondsExpenseRow::aimsDeptProgAct),
        Dimensions::groupKeys,
        AllBondsExpenseRow::aimsDeptProgAct,
        gap -> AllBondsExpenseRow.filled(gap.getKey(), gap.getValue()),
        AllBondsExpenses::toJson,
        null,
        false,
        BondCoders.AllBondsExpenseCoder.of());
  }

  /** The raw table's columns, then the group key (the running totals follow). */
  static ObjectNode toJson(AllBondsExpenseRow row) {
    ObjectNode json = SocrataValues.row();
    SocrataValues.put(json, "fund_code", row.fundCode());
    SocrataValues.put(json, "fund_long_name", row.fundLongName());
    SocrataValues.put(json, "division_code", row.divisionCode());
    SocrataValues.put(json, "division_long_name", row.divisionLongName());
    SocrataValues.put(json, "department", row.department());
    SocrataValues.put(json, "department_long_name", row.departmentLongName());
    SocrataValues.put(json, "date", row.date());
    SocrataValues.put(json, "group_code", row.groupCode());
    SocrataValues.put(json, "group_long_name", row.groupLongName());
    SocrataValues.put(json, "obligated", row.obligated());
    SocrataValues.put(json, "expenses", row.expenses());
    SocrataValues.put(json, "updated_at", row.updatedAt());
    SocrataValues.put(json, "aims_dept_prog_act", row.aimsDeptProgAct());
    return json;
  }
}
