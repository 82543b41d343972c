package gov.austintexas.atd.standins.microstrategy;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The two bond reports with the real column shapes (the columns src/bond/sources.json maps from
 * them) and made-up rows, any number of them, the same for the same index every time. The text has
 * commas, quotes and line breaks; amounts have cents, are sometimes negative and sometimes missing.
 */
public final class BondReportFixtures {
  private static final DateTimeFormatter US_DATE = DateTimeFormatter.ofPattern("MM/dd/yyyy");
  private static final LocalDate FIRST_DATE = LocalDate.of(2019, 10, 1);

  private static final String[][] FUNDS = {
    {"8012", "2020 Mobility Bond Fund"},
    {"8013", "2018 Bond, Transportation and Mobility"},
    {"8014", "2016 \"Go Big\" Mobility Bond"},
    {"8015", "2012 Bond Fund"},
  };
  private static final String[][] DIVISIONS = {
    {"6207", "Signals, Markings"},
    {"6307", "Active Transportation"},
    {"6407", "Corridor Program Office"},
  };
  private static final String[][] DEPARTMENTS = {
    {"6000", "Transportation & Public Works"},
    {"7400", "Corridor Mobility"},
  };
  private static final String[][] GROUPS = {
    {"5216", "Sidewalks\nand Ramps"},
    {"5217", "Safe Routes to School"},
    {"5218", "Vision Zero"},
    {"5219", "Bikeways, Urban Trails"},
    {"5220", "Local Mobility"},
  };

  private BondReportFixtures() {}

  /** {@code All bonds Expenses Obligated}: multi-form attributes, so {@code Fund@Code}, ... */
  public static ReportFixture allBondsExpensesObligated(int rows) {
    List<ReportFixture.Attribute> attributes =
        List.of(
            new ReportFixture.Attribute("Fund", List.of("Code", "Long Name")),
            new ReportFixture.Attribute("Division (As-Is)", List.of("Code", "Long Name")),
            new ReportFixture.Attribute("Department", List.of("Dept", "Long Name")),
            new ReportFixture.Attribute("Date", List.of("ID")),
            new ReportFixture.Attribute("Group (As-Is)", List.of("Code", "Long Name")));
    return generated(
        attributes,
        rows,
        i ->
            List.of(
                pair(FUNDS, i),
                pair(DIVISIONS, i / 3),
                pair(DEPARTMENTS, i / 7),
                List.of(date(i)),
                pair(GROUPS, i / 2)));
  }

  /**
   * {@code 2020 Bond Expenses Obligated}: single-form attributes, so {@code Fund}, {@code Date},
   * ...
   */
  public static ReportFixture bond2020ExpensesObligated(int rows) {
    List<ReportFixture.Attribute> attributes =
        List.of(
            new ReportFixture.Attribute("Fund", List.of("Code")),
            new ReportFixture.Attribute("Department", List.of("Dept")),
            new ReportFixture.Attribute("Date", List.of("ID")),
            new ReportFixture.Attribute("Group", List.of("Code")),
            new ReportFixture.Attribute("Fiscal Year", List.of("ID")),
            new ReportFixture.Attribute("Division", List.of("Code")));
    return generated(
        attributes,
        rows,
        i ->
            List.of(
                List.of(FUNDS[0][0]),
                List.of(DEPARTMENTS[i / 7 % DEPARTMENTS.length][0]),
                List.of(date(i)),
                List.of(GROUPS[i / 2 % GROUPS.length][0]),
                List.of(String.valueOf(fiscalYear(FIRST_DATE.plusDays(dayOffset(i))))),
                List.of(DIVISIONS[i / 3 % DIVISIONS.length][0])));
  }

  private interface Attributes {
    List<List<String>> of(int index);
  }

  private static ReportFixture generated(
      List<ReportFixture.Attribute> attributes, int rows, Attributes values) {
    return ReportFixture.generated(
        attributes,
        List.of("Obligated", "Expenses"),
        rows,
        i -> new ReportFixture.Row(values.of(i), Arrays.asList(obligated(i), expenses(i))));
  }

  private static List<String> pair(String[][] codesAndNames, int index) {
    String[] pair = codesAndNames[index % codesAndNames.length];
    return new ArrayList<>(List.of(pair[0], pair[1]));
  }

  private static int dayOffset(int index) {
    return (index * 7) % 1500;
  }

  private static String date(int index) {
    return FIRST_DATE.plusDays(dayOffset(index)).format(US_DATE);
  }

  private static int fiscalYear(LocalDate date) {
    return date.getMonthValue() >= 10 ? date.getYear() + 1 : date.getYear();
  }

  /** Cents, a negative amount (a correction) now and then, and a missing value every 97th row. */
  private static BigDecimal obligated(int index) {
    if (index % 97 == 0) {
      return null;
    }
    long cents = ((long) index * 7919) % 2_000_000 - 300_000;
    return BigDecimal.valueOf(cents, 2);
  }

  private static BigDecimal expenses(int index) {
    if (index % 89 == 0) {
      return null;
    }
    long cents = ((long) index * 104_729) % 5_000_000;
    return BigDecimal.valueOf(cents, 2);
  }
}
