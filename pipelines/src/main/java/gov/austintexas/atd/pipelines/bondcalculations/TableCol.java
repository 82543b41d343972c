package gov.austintexas.atd.pipelines.bondcalculations;

import gov.austintexas.atd.transforms.FiscalYear;
import java.io.Serializable;
import java.time.LocalDate;
import java.time.YearMonth;

/**
 * A column label of the 2020 bond summary tables: a month of the target fiscal year, {@code "YYYY
 * MM"}, or a whole other fiscal year, {@code "0FY yy"}.
 *
 * @param fiscalYear the fiscal year the label stands in (the target's, for a month)
 * @param month the month, or {@code null} for a whole fiscal year
 */
public record TableCol(int fiscalYear, YearMonth month) implements Serializable {

  public static TableCol month(YearMonth month) {
    return new TableCol(FiscalYear.of(month), month);
  }

  public static TableCol wholeYear(int fiscalYear) {
    return new TableCol(fiscalYear, null);
  }

  /**
   * Where an expense of a row with {@code rowFiscalYear}, dated {@code date}, counts in the table
   * of fiscal year {@code target}: a row of the target year counts in its month, clamped to the
   * year's first or last month when the date lies outside it; any other row counts in its own
   * fiscal year as a whole.
   */
  public static TableCol forExpense(int target, int rowFiscalYear, LocalDate date) {
    if (rowFiscalYear != target) {
      return wholeYear(rowFiscalYear);
    }
    int dateFiscalYear = FiscalYear.of(date);
    if (dateFiscalYear > target) {
      return month(YearMonth.of(target, 9));
    }
    if (dateFiscalYear < target) {
      return month(YearMonth.of(target - 1, 10));
    }
    return month(YearMonth.from(date));
  }

  /**
   * Where a baseline or planned amount dated {@code date} counts in the table of {@code target}.
   */
  public static TableCol forPlan(int target, LocalDate date) {
    int dateFiscalYear = FiscalYear.of(date);
    return dateFiscalYear == target ? month(YearMonth.from(date)) : wholeYear(dateFiscalYear);
  }

  /**
   * The label of {@link #label()} read back: {@code "2023 10"} or {@code "0FY 22"} (a year of this
   * century).
   */
  public static TableCol parse(String label) {
    if (label.matches("0FY \\d\\d")) {
      return wholeYear(2000 + Integer.parseInt(label.substring(4)));
    }
    if (label.matches("\\d{4} \\d\\d")) {
      return month(
          YearMonth.of(
              Integer.parseInt(label.substring(0, 4)), Integer.parseInt(label.substring(5))));
    }
    throw new IllegalArgumentException("not a table_col label: " + label);
  }

  public boolean isWholeYear() {
    return month == null;
  }

  /** The label as the dashboard shows it: {@code "2023 10"} or {@code "0FY 22"}. */
  public String label() {
    if (month == null) {
      return String.format("0FY %02d", Math.floorMod(fiscalYear, 100));
    }
    return String.format("%04d %02d", month.getYear(), month.getMonthValue());
  }

  /**
   * Sorts labels chronologically: a whole fiscal year before the months of any later fiscal year
   * and after those of an earlier one; months in calendar order. (The old system sorted the label
   * text, which put later fiscal years before the target year's first month.)
   */
  public String position() {
    return String.format("%04d-%02d", fiscalYear, month == null ? 0 : FiscalYear.monthIndex(month));
  }

  @Override
  public String toString() {
    return label();
  }
}
