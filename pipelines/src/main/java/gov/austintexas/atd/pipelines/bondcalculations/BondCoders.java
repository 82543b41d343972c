package gov.austintexas.atd.pipelines.bondcalculations;

import gov.austintexas.atd.transforms.totals.LocalDateCoder;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.BigDecimalCoder;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.NullableCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.coders.VarLongCoder;

/**
 * Field-by-field coders of the expense rows. Java serialization would work, but a runner encodes
 * these rows many times (the DirectRunner clones grouped state on every bundle), and writing class
 * descriptors for every row made that the slowest part of a run.
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
}
