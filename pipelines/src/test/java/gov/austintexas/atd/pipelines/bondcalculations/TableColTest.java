package gov.austintexas.atd.pipelines.bondcalculations;

import static org.junit.jupiter.api.Assertions.assertEquals;

import gov.austintexas.atd.transforms.FiscalYear;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The fiscal year of a month and the summary tables' column labels. */
class TableColTest {

  @Test
  void aMonthFromOctoberOnIsInTheNextFiscalYear() {
    assertEquals(2024, FiscalYear.of(YearMonth.of(2023, 10)));
    assertEquals(2024, FiscalYear.of(LocalDate.of(2023, 12, 31)));
    assertEquals(2024, FiscalYear.of(LocalDate.of(2024, 9, 30)));
    assertEquals(2023, FiscalYear.of(LocalDate.of(2023, 9, 30)));
    assertEquals(2025, FiscalYear.of(LocalDate.of(2024, 10, 1)));
  }

  @Test
  void anExpenseOfTheTargetYearDatedInItIsLabelledWithItsMonth() {
    assertEquals("2023 11", TableCol.forExpense(2024, 2024, LocalDate.of(2023, 11, 5)).label());
    assertEquals("2024 09", TableCol.forExpense(2024, 2024, LocalDate.of(2024, 9, 30)).label());
  }

  @Test
  void anExpenseOfTheTargetYearDatedAfterItIsLabelledWithItsLastMonth() {
    assertEquals("2024 09", TableCol.forExpense(2024, 2024, LocalDate.of(2024, 10, 1)).label());
    assertEquals("2024 09", TableCol.forExpense(2024, 2024, LocalDate.of(2026, 1, 15)).label());
  }

  @Test
  void anExpenseOfTheTargetYearDatedBeforeItIsLabelledWithItsFirstMonth() {
    assertEquals("2023 10", TableCol.forExpense(2024, 2024, LocalDate.of(2023, 9, 30)).label());
    assertEquals("2023 10", TableCol.forExpense(2024, 2024, LocalDate.of(2021, 3, 1)).label());
  }

  @Test
  void anExpenseOfAnyOtherFiscalYearIsLabelledWithThatYear() {
    assertEquals("0FY 22", TableCol.forExpense(2024, 2022, LocalDate.of(2023, 11, 5)).label());
    assertEquals("0FY 25", TableCol.forExpense(2024, 2025, LocalDate.of(2023, 11, 5)).label());
    assertEquals("0FY 00", TableCol.forExpense(2024, 2100, LocalDate.of(2023, 11, 5)).label());
  }

  @Test
  void aPlanAmountIsLabelledWithItsMonthInTheTargetYearAndWithItsFiscalYearOtherwise() {
    assertEquals("2023 10", TableCol.forPlan(2024, LocalDate.of(2023, 10, 31)).label());
    assertEquals("0FY 23", TableCol.forPlan(2024, LocalDate.of(2023, 9, 30)).label());
    assertEquals("0FY 26", TableCol.forPlan(2024, LocalDate.of(2025, 10, 1)).label());
  }

  @Test
  void labelsSortChronologicallyWithWholeYearsAroundTheTargetYearsMonths() {
    List<TableCol> cols =
        new ArrayList<>(
            List.of(
                TableCol.wholeYear(2026),
                TableCol.month(YearMonth.of(2024, 9)),
                TableCol.wholeYear(2022),
                TableCol.month(YearMonth.of(2024, 1)),
                TableCol.wholeYear(2025),
                TableCol.month(YearMonth.of(2023, 10)),
                TableCol.wholeYear(2023)));
    cols.sort(Comparator.comparing(TableCol::position));
    assertEquals("[0FY 22, 0FY 23, 2023 10, 2024 01, 2024 09, 0FY 25, 0FY 26]", cols.toString());
  }

  @Test
  void aLabelReadsBackAsItsColumn() {
    assertEquals(TableCol.month(YearMonth.of(2023, 10)), TableCol.parse("2023 10"));
    assertEquals(TableCol.wholeYear(2025), TableCol.parse("0FY 25"));
    assertEquals("0FY 22", TableCol.parse("0FY 22").label());
    assertEquals(
        "not a table_col label: FY 22",
        org.junit.jupiter.api.Assertions.assertThrows(
                IllegalArgumentException.class, () -> TableCol.parse("FY 22"))
            .getMessage());
  }
}
