package gov.austintexas.atd.pipelines.bondcalculations;

import java.io.Serializable;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import org.apache.beam.sdk.coders.DefaultCoder;

/**
 * A row of {@code expenses_obligated_2020_bond_raw}, or a fill row, with its group key. {@code
 * ordinal} is the row's place in the table, which orders rows of one series on the same date; fill
 * rows never share a date with a row of their series.
 */
@DefaultCoder(BondCoders.Expense2020Coder.class)
public record Expense2020Row(
    String fund,
    Integer department,
    LocalDate date,
    String group,
    int fiscalYear,
    String division,
    BigDecimal obligated,
    BigDecimal expenses,
    LocalDateTime updatedAt,
    String aimsDeptProgAct,
    long ordinal)
    implements Serializable, ExpenseRow {

  /** The group key: department, fund, division and group concatenated with no separator. */
  public static String groupKey(Integer department, String fund, String division, String group) {
    return text(department) + text(fund) + text(division) + text(group);
  }

  /** A fill row: the series' key, fiscal year and date, zero amounts, every other column empty. */
  public static Expense2020Row filled(String aimsDeptProgAct, int fiscalYear, LocalDate date) {
    return new Expense2020Row(
        null,
        null,
        date,
        null,
        fiscalYear,
        null,
        BigDecimal.ZERO,
        BigDecimal.ZERO,
        null,
        aimsDeptProgAct,
        Long.MAX_VALUE);
  }

  static String text(Object value) {
    return value == null ? "" : value.toString();
  }
}
