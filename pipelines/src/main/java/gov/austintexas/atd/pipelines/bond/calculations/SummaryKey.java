package gov.austintexas.atd.pipelines.bond.calculations;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.YearMonth;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarIntCoder;

/**
 * One cell of a 2020 bond summary table: the table's target fiscal year, a dashboard id and a
 * column label. Amounts are summed per key, and the three sums are joined on it.
 */
public record SummaryKey(int target, String dashboardId, TableCol tableCol) {

  /** A deterministic coder, so that the key can be grouped on by any runner. */
  public static class Coder extends AtomicCoder<SummaryKey> {
    private static final long serialVersionUID = 1L;
    private static final Coder INSTANCE = new Coder();

    public static Coder of() {
      return INSTANCE;
    }

    @Override
    public void encode(SummaryKey key, OutputStream out) throws IOException {
      VarIntCoder.of().encode(key.target(), out);
      StringUtf8Coder.of().encode(key.dashboardId(), out);
      VarIntCoder.of().encode(key.tableCol().fiscalYear(), out);
      YearMonth month = key.tableCol().month();
      VarIntCoder.of().encode(month == null ? 0 : month.getYear() * 12 + month.getMonthValue(), out);
    }

    @Override
    public SummaryKey decode(InputStream in) throws IOException {
      int target = VarIntCoder.of().decode(in);
      String dashboardId = StringUtf8Coder.of().decode(in);
      int fiscalYear = VarIntCoder.of().decode(in);
      int month = VarIntCoder.of().decode(in);
      TableCol col =
          new TableCol(fiscalYear, month == 0 ? null : YearMonth.of((month - 1) / 12, (month - 1) % 12 + 1));
      return new SummaryKey(target, dashboardId, col);
    }

    @Override
    public void verifyDeterministic() {}

    @Override
    public boolean consistentWithEquals() {
      return true;
    }
  }
}
