package gov.austintexas.atd.transforms;

import java.time.LocalDate;
import java.time.YearMonth;

/**
 * The City's fiscal year runs from October 1 to September 30 and is named by the year it ends in.
 */
public final class FiscalYear {
  private FiscalYear() {}

  public static int of(YearMonth month) {
    return month.getMonthValue() >= 10 ? month.getYear() + 1 : month.getYear();
  }

  public static int of(LocalDate date) {
    return of(YearMonth.from(date));
  }

  /** The month's place in its fiscal year: October is 1, September is 12. */
  public static int monthIndex(YearMonth month) {
    return (month.getMonthValue() + 2) % 12 + 1;
  }
}
