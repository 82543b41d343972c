package gov.austintexas.atd.pipelines.bondcalculations;

import java.io.Serializable;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import org.apache.beam.sdk.coders.DefaultCoder;

/**
 * A row of {@code expenses_obligated_all_bonds_raw}, or a fill row, with its group key and its
 * place in the table.
 */
@DefaultCoder(BondCoders.AllBondsExpenseCoder.class)
public record AllBondsExpenseRow(
    String fundCode,
    String fundLongName,
    String divisionCode,
    String divisionLongName,
    Integer department,
    String departmentLongName,
    LocalDate date,
    String groupCode,
    String groupLongName,
    BigDecimal obligated,
    BigDecimal expenses,
    LocalDateTime updatedAt,
    String aimsDeptProgAct,
    long ordinal)
    implements Serializable, ExpenseRow {

  /** The group key: department, fund code, division code and group code, with no separator. */
  public static String groupKey(
      Integer department, String fundCode, String divisionCode, String groupCode) {
    return Expense2020Row.groupKey(department, fundCode, divisionCode, groupCode);
  }

  public static AllBondsExpenseRow filled(String aimsDeptProgAct, LocalDate date) {
    return new AllBondsExpenseRow(
        null,
        null,
        null,
        null,
        null,
        null,
        date,
        null,
        null,
        BigDecimal.ZERO,
        BigDecimal.ZERO,
        null,
        aimsDeptProgAct,
        Long.MAX_VALUE);
  }
}
