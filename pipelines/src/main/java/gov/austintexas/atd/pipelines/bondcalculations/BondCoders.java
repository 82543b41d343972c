package gov.austintexas.atd.pipelines.bondcalculations;

import gov.austintexas.atd.transforms.totals.LocalDateCoder;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.Map;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.BigDecimalCoder;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CoderProvider;
import org.apache.beam.sdk.coders.CoderProviders;
import org.apache.beam.sdk.coders.NullableCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.values.TypeDescriptor;

/**
 * Field-by-field coders of the expense rows and of the values the summaries group. Java
 * serialization would work, but a runner encodes these many times (the DirectRunner clones grouped
 * state on every bundle; Flink encodes every element between its tasks), and writing class
 * descriptors for every value made that the slowest part of a run.
 */
public final class BondCoders {
  private BondCoders() {}

  private static final Coder<String> TEXT = NullableCoder.of(StringUtf8Coder.of());
  private static final Coder<Integer> INTEGER = NullableCoder.of(VarIntCoder.of());
  private static final Coder<BigDecimal> DECIMAL = NullableCoder.of(BigDecimalCoder.of());
  private static final Coder<Long> LONG = NullableCoder.of(VarLongCoder.of());

  private static void encodeTimestamp(LocalDateTime timestamp, OutputStream out)
      throws IOException {
    LONG.encode(timestamp == null ? null : timestamp.toEpochSecond(ZoneOffset.UTC), out);
    if (timestamp != null) {
      VarIntCoder.of().encode(timestamp.getNano(), out);
    }
  }

  private static LocalDateTime decodeTimestamp(InputStream in) throws IOException {
    Long seconds = LONG.decode(in);
    return seconds == null
        ? null
        : LocalDateTime.ofEpochSecond(seconds, VarIntCoder.of().decode(in), ZoneOffset.UTC);
  }

  /** The columns both expense rows end with, after their own. */
  private static void encodeTail(ExpenseRow row, OutputStream out) throws IOException {
    DECIMAL.encode(row.obligated(), out);
    DECIMAL.encode(row.expenses(), out);
    encodeTimestamp(row.updatedAt(), out);
    StringUtf8Coder.of().encode(row.aimsDeptProgAct(), out);
    VarLongCoder.of().encode(row.ordinal(), out);
  }

  private record Tail(
      BigDecimal obligated,
      BigDecimal expenses,
      LocalDateTime updatedAt,
      String aimsDeptProgAct,
      long ordinal) {
    static Tail decode(InputStream in) throws IOException {
      return new Tail(
          DECIMAL.decode(in),
          DECIMAL.decode(in),
          decodeTimestamp(in),
          StringUtf8Coder.of().decode(in),
          VarLongCoder.of().decode(in));
    }
  }

  public static class Expense2020Coder extends AtomicCoder<Expense2020Row> {
    private static final long serialVersionUID = 1L;

    public static Expense2020Coder of() {
      return new Expense2020Coder();
    }

    @Override
    public void encode(Expense2020Row row, OutputStream out) throws IOException {
      TEXT.encode(row.fund(), out);
      INTEGER.encode(row.department(), out);
      LocalDateCoder.of().encode(row.date(), out);
      TEXT.encode(row.group(), out);
      VarIntCoder.of().encode(row.fiscalYear(), out);
      TEXT.encode(row.division(), out);
      encodeTail(row, out);
    }

    @Override
    public Expense2020Row decode(InputStream in) throws IOException {
      String fund = TEXT.decode(in);
      Integer department = INTEGER.decode(in);
      LocalDate date = LocalDateCoder.of().decode(in);
      String group = TEXT.decode(in);
      int fiscalYear = VarIntCoder.of().decode(in);
      String division = TEXT.decode(in);
      Tail tail = Tail.decode(in);
      return new Expense2020Row(
          fund,
          department,
          date,
          group,
          fiscalYear,
          division,
          tail.obligated(),
          tail.expenses(),
          tail.updatedAt(),
          tail.aimsDeptProgAct(),
          tail.ordinal());
    }
  }

  public static class AllBondsExpenseCoder extends AtomicCoder<AllBondsExpenseRow> {
    private static final long serialVersionUID = 1L;

    public static AllBondsExpenseCoder of() {
      return new AllBondsExpenseCoder();
    }

    @Override
    public void encode(AllBondsExpenseRow row, OutputStream out) throws IOException {
      TEXT.encode(row.fundCode(), out);
      TEXT.encode(row.fundLongName(), out);
      TEXT.encode(row.divisionCode(), out);
      TEXT.encode(row.divisionLongName(), out);
      INTEGER.encode(row.department(), out);
      TEXT.encode(row.departmentLongName(), out);
      LocalDateCoder.of().encode(row.date(), out);
      TEXT.encode(row.groupCode(), out);
      TEXT.encode(row.groupLongName(), out);
      encodeTail(row, out);
    }

    @Override
    public AllBondsExpenseRow decode(InputStream in) throws IOException {
      String fundCode = TEXT.decode(in);
      String fundLongName = TEXT.decode(in);
      String divisionCode = TEXT.decode(in);
      String divisionLongName = TEXT.decode(in);
      Integer department = INTEGER.decode(in);
      String departmentLongName = TEXT.decode(in);
      LocalDate date = LocalDateCoder.of().decode(in);
      String groupCode = TEXT.decode(in);
      String groupLongName = TEXT.decode(in);
      Tail tail = Tail.decode(in);
      return new AllBondsExpenseRow(
          fundCode,
          fundLongName,
          divisionCode,
          divisionLongName,
          department,
          departmentLongName,
          date,
          groupCode,
          groupLongName,
          tail.obligated(),
          tail.expenses(),
          tail.updatedAt(),
          tail.aimsDeptProgAct(),
          tail.ordinal());
    }
  }

  /** A baseline, spend plan or appropriation row. */
  public static class DatedAmountCoder extends AtomicCoder<DatedAmount> {
    private static final long serialVersionUID = 1L;

    public static DatedAmountCoder of() {
      return new DatedAmountCoder();
    }

    /** For {@code @DefaultCoder}. */
    public static CoderProvider getCoderProvider() {
      return CoderProviders.forCoder(TypeDescriptor.of(DatedAmount.class), of());
    }

    @Override
    public void encode(DatedAmount value, OutputStream out) throws IOException {
      TEXT.encode(value.dashboardId(), out);
      encodeDate(value.date(), out);
      DECIMAL.encode(value.amount(), out);
    }

    @Override
    public DatedAmount decode(InputStream in) throws IOException {
      return new DatedAmount(TEXT.decode(in), decodeDate(in), DECIMAL.decode(in));
    }
  }

  /** A summary row before its running totals. */
  public static class SummaryCellCoder extends AtomicCoder<SummaryCell> {
    private static final long serialVersionUID = 1L;

    public static SummaryCellCoder of() {
      return new SummaryCellCoder();
    }

    /** For {@code @DefaultCoder}. */
    public static CoderProvider getCoderProvider() {
      return CoderProviders.forCoder(TypeDescriptor.of(SummaryCell.class), of());
    }

    @Override
    public void encode(SummaryCell cell, OutputStream out) throws IOException {
      TEXT.encode(cell.tableCol(), out);
      TEXT.encode(cell.dashboardId(), out);
      DECIMAL.encode(cell.expenses(), out);
      DECIMAL.encode(cell.baseline(), out);
      DECIMAL.encode(cell.planned(), out);
    }

    @Override
    public SummaryCell decode(InputStream in) throws IOException {
      return new SummaryCell(
          TEXT.decode(in),
          TEXT.decode(in),
          DECIMAL.decode(in),
          DECIMAL.decode(in),
          DECIMAL.decode(in));
    }
  }

  /** One amount of one kind under one table_col. */
  public static class AmountCoder extends AtomicCoder<LabelSums.Amount> {
    private static final long serialVersionUID = 1L;

    static AmountCoder of() {
      return new AmountCoder();
    }

    /** For {@code @DefaultCoder}. */
    public static CoderProvider getCoderProvider() {
      return CoderProviders.forCoder(TypeDescriptor.of(LabelSums.Amount.class), of());
    }

    @Override
    public void encode(LabelSums.Amount amount, OutputStream out) throws IOException {
      encodeTableCol(amount.col(), out);
      VarIntCoder.of().encode(amount.kind().ordinal(), out);
      DECIMAL.encode(amount.amount(), out);
    }

    @Override
    public LabelSums.Amount decode(InputStream in) throws IOException {
      return new LabelSums.Amount(
          decodeTableCol(in),
          LabelSums.Kind.values()[VarIntCoder.of().decode(in)],
          DECIMAL.decode(in));
    }
  }

  /** The sums of one dashboard id's summary table, per table_col and kind. */
  public static class LabelSumsCoder extends AtomicCoder<LabelSums> {
    private static final long serialVersionUID = 1L;

    static LabelSumsCoder of() {
      return new LabelSumsCoder();
    }

    /** For {@code @DefaultCoder}. */
    public static CoderProvider getCoderProvider() {
      return CoderProviders.forCoder(TypeDescriptor.of(LabelSums.class), of());
    }

    @Override
    public void encode(LabelSums sums, OutputStream out) throws IOException {
      VarIntCoder.of().encode(sums.sums.size(), out);
      for (Map.Entry<TableCol, EnumMap<LabelSums.Kind, BigDecimal>> label : sums.sums.entrySet()) {
        encodeTableCol(label.getKey(), out);
        VarIntCoder.of().encode(label.getValue().size(), out);
        for (Map.Entry<LabelSums.Kind, BigDecimal> sum : label.getValue().entrySet()) {
          VarIntCoder.of().encode(sum.getKey().ordinal(), out);
          BigDecimalCoder.of().encode(sum.getValue(), out);
        }
      }
    }

    @Override
    public LabelSums decode(InputStream in) throws IOException {
      LabelSums sums = new LabelSums();
      int labels = VarIntCoder.of().decode(in);
      for (int i = 0; i < labels; i++) {
        TableCol col = decodeTableCol(in);
        EnumMap<LabelSums.Kind, BigDecimal> kinds = new EnumMap<>(LabelSums.Kind.class);
        int count = VarIntCoder.of().decode(in);
        for (int k = 0; k < count; k++) {
          kinds.put(
              LabelSums.Kind.values()[VarIntCoder.of().decode(in)],
              BigDecimalCoder.of().decode(in));
        }
        sums.sums.put(col, kinds);
      }
      return sums;
    }
  }

  private static void encodeDate(LocalDate date, OutputStream out) throws IOException {
    LONG.encode(date == null ? null : date.toEpochDay(), out);
  }

  private static LocalDate decodeDate(InputStream in) throws IOException {
    Long day = LONG.decode(in);
    return day == null ? null : LocalDate.ofEpochDay(day);
  }

  /** A table_col as its fiscal year and its month counted from year 0 (none: a whole year). */
  private static void encodeTableCol(TableCol col, OutputStream out) throws IOException {
    VarIntCoder.of().encode(col.fiscalYear(), out);
    LONG.encode(
        col.month() == null ? null : col.month().getYear() * 12L + col.month().getMonthValue() - 1,
        out);
  }

  private static TableCol decodeTableCol(InputStream in) throws IOException {
    int fiscalYear = VarIntCoder.of().decode(in);
    Long month = LONG.decode(in);
    return new TableCol(
        fiscalYear,
        month == null ? null : YearMonth.of((int) (month / 12), (int) (month % 12) + 1));
  }
}
