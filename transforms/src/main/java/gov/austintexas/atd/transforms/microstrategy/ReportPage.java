package gov.austintexas.atd.transforms.microstrategy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.CoderProvider;
import org.apache.beam.sdk.coders.CoderProviders;
import org.apache.beam.sdk.coders.DefaultCoder;
import org.apache.beam.sdk.coders.ListCoder;
import org.apache.beam.sdk.coders.NullableCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.values.TypeDescriptor;

/**
 * One page of a report, decoded: the column names ({@code Attr}, {@code Attr@Form}, metrics) and
 * the rows starting at {@code offset}, each cell as text ({@code null} for a missing value).
 */
@DefaultCoder(ReportPage.Coder.class)
public record ReportPage(long offset, List<String> columns, List<List<String>> rows) {

  public static final class Coder extends AtomicCoder<ReportPage> {
    private static final long serialVersionUID = 1L;
    private static final Coder INSTANCE = new Coder();
    private static final ListCoder<String> COLUMNS = ListCoder.of(StringUtf8Coder.of());
    private static final ListCoder<List<String>> ROWS =
        ListCoder.of(ListCoder.of(NullableCoder.of(StringUtf8Coder.of())));

    public static Coder of() {
      return INSTANCE;
    }

    /** Found by {@code @DefaultCoder}, so a {@code PCollection<ReportPage>} needs no setCoder. */
    public static CoderProvider getCoderProvider() {
      return CoderProviders.forCoder(TypeDescriptor.of(ReportPage.class), INSTANCE);
    }

    @Override
    public void encode(ReportPage page, OutputStream out) throws IOException {
      VarLongCoder.of().encode(page.offset(), out);
      COLUMNS.encode(page.columns(), out);
      ROWS.encode(page.rows(), out);
    }

    @Override
    public ReportPage decode(InputStream in) throws IOException {
      return new ReportPage(VarLongCoder.of().decode(in), COLUMNS.decode(in), ROWS.decode(in));
    }
  }
}
