package gov.austintexas.atd.pipelines.bondcalculations;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

/**
 * Writes the dataset rows of one filled series as UTF-8 JSON: on every date of the table in order,
 * the series' own rows of that date (in table order), or a fill row when it has none, each followed
 * by {@code sum_obligated} and {@code sum_expenses}, the running totals of the series up to and
 * including it. The same rows, byte for byte, as {@link FillSeries} then {@code RunningTotals} and
 * {@link ExpenseRow#withTotals}: an empty amount adds nothing and its own total is empty, and a
 * fill row's zero amounts keep the totals.
 *
 * <p>Fill rows are most of a dataset (about 26 million rows at 1,000,000 rows a table), and within
 * a series they differ only in their date and totals: each is copied from the series' fill text
 * with its date put in, and its totals are written again only after an own row moved them.
 */
final class FilledSeriesWriter {
  private static final byte[] SUM_OBLIGATED = ",\"sum_obligated\":".getBytes(UTF_8);
  private static final byte[] SUM_EXPENSES = ",\"sum_expenses\":".getBytes(UTF_8);
  private static final String DATE_MEMBER = "\"date\":\"";

  /** Where the rows go, one at a time; {@code utf8} is reused for the next row. */
  interface RowSink {
    void row(byte[] utf8, int length) throws IOException;
  }

  private final List<LocalDate> dates;
  private final byte[][] dateTexts;
  private byte[] row = new byte[512];
  private int length;

  /** {@code dates}: every date of the table, ascending. */
  FilledSeriesWriter(List<LocalDate> dates) {
    this.dates = dates;
    this.dateTexts = new byte[dates.size()][];
    for (int i = 0; i < dates.size(); i++) {
      dateTexts[i] = SocrataValues.dateText(dates.get(i)).getBytes(UTF_8);
    }
  }

  /**
   * Writes one series to {@code sink}.
   *
   * @param own the series' own rows, ordered by date, then by their place in the table
   * @param ownColumns each own row's columns, as the JSON object text the datasets carry
   * @param fillColumns a fill row's columns on the table's first date; its {@code date} member is
   *     the only one a fill row of another date changes
   */
  <R extends ExpenseRow> void write(
      List<R> own, List<String> ownColumns, String fillColumns, RowSink sink) throws IOException {
    if (dates.isEmpty()) {
      return;
    }
    String firstDate = DATE_MEMBER + SocrataValues.dateText(dates.get(0)) + "\"";
    int at = fillColumns.indexOf(firstDate);
    if (at < 0 || fillColumns.indexOf(firstDate, at + 1) >= 0) {
      throw new IllegalStateException("a fill row needs one date member: " + fillColumns);
    }
    byte[] fillBefore = fillColumns.substring(0, at + DATE_MEMBER.length()).getBytes(UTF_8);
    byte[] fillAfter =
        fillColumns
            .substring(at + firstDate.length() - 1, fillColumns.length() - 1)
            .getBytes(UTF_8);

    BigDecimal expenses = BigDecimal.ZERO;
    BigDecimal obligated = BigDecimal.ZERO;
    byte[] fillTotals = null; // the totals a fill row shows now; null once an own row moved them
    int next = 0;
    for (int day = 0; day < dates.size(); day++) {
      LocalDate date = dates.get(day);
      if (next < own.size() && own.get(next).date().equals(date)) {
        for (; next < own.size() && own.get(next).date().equals(date); next++) {
          R ownRow = own.get(next);
          if (ownRow.expenses() != null) {
            expenses = expenses.add(ownRow.expenses());
          }
          if (ownRow.obligated() != null) {
            obligated = obligated.add(ownRow.obligated());
          }
          String columns = ownColumns.get(next);
          length = 0;
          append(columns.substring(0, columns.length() - 1).getBytes(UTF_8));
          append(
              totals(
                  ownRow.obligated() == null ? null : obligated,
                  ownRow.expenses() == null ? null : expenses));
          sink.row(row, length);
        }
        fillTotals = null;
      } else {
        if (fillTotals == null) {
          fillTotals = totals(obligated, expenses);
        }
        length = 0;
        append(fillBefore);
        append(dateTexts[day]);
        append(fillAfter);
        append(fillTotals);
        sink.row(row, length);
      }
    }
    if (next < own.size()) {
      throw new IllegalStateException(
          "a row's date, " + own.get(next).date() + ", is not among the table's dates");
    }
  }

  /** {@code ,"sum_obligated":o,"sum_expenses":e}} */
  private static byte[] totals(BigDecimal obligated, BigDecimal expenses) {
    byte[] o = SocrataValues.number(obligated).getBytes(UTF_8);
    byte[] e = SocrataValues.number(expenses).getBytes(UTF_8);
    byte[] totals = new byte[SUM_OBLIGATED.length + o.length + SUM_EXPENSES.length + e.length + 1];
    int at = 0;
    System.arraycopy(SUM_OBLIGATED, 0, totals, at, SUM_OBLIGATED.length);
    at += SUM_OBLIGATED.length;
    System.arraycopy(o, 0, totals, at, o.length);
    at += o.length;
    System.arraycopy(SUM_EXPENSES, 0, totals, at, SUM_EXPENSES.length);
    at += SUM_EXPENSES.length;
    System.arraycopy(e, 0, totals, at, e.length);
    totals[totals.length - 1] = '}';
    return totals;
  }

  private void append(byte[] bytes) {
    if (length + bytes.length > row.length) {
      row = Arrays.copyOf(row, Math.max(row.length * 2, length + bytes.length));
    }
    System.arraycopy(bytes, 0, row, length, bytes.length);
    length += bytes.length;
  }
}
