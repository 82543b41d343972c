package gov.austintexas.atd.pipelines.bondcalculations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import gov.austintexas.atd.transforms.totals.SeriesPoint;
import gov.austintexas.atd.transforms.totals.Totalled;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Arrays;

/**
 * What the two raw expense tables' rows have in common: a dated expense and obligation of a group
 * key, placed in its table by {@code ordinal}. Their other columns differ and are only carried.
 */
interface ExpenseRow {
  LocalDate date();

  BigDecimal obligated();

  BigDecimal expenses();

  LocalDateTime updatedAt();

  String aimsDeptProgAct();

  long ordinal();

  /** The row as a point of its series: its date, then its place in the table, orders it. */
  default SeriesPoint<String> seriesPoint(ObjectNode columns) {
    return new SeriesPoint<>(
        date().toString(),
        ordinal(),
        Arrays.asList(expenses(), obligated()),
        SocrataValues.text(columns));
  }

  /** A totalled point as a dataset row: its columns, then sum_expenses and sum_obligated. */
  static String withTotals(Totalled<String> totalled) {
    return SocrataValues.withTotals(totalled.value(), totalled.total(1), totalled.total(0));
  }
}
