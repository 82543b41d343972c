package gov.austintexas.atd.transforms.csv;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.CoderProvider;
import org.apache.beam.sdk.coders.CoderProviders;
import org.apache.beam.sdk.coders.DefaultCoder;
import org.apache.beam.sdk.coders.ListCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.values.TypeDescriptor;

/**
 * A CSV record: the line it starts on (the header is line 1) and the values of the columns that
 * were asked for, in the order asked.
 */
@DefaultCoder(CsvRecord.Coder.class)
public record CsvRecord(long line, List<String> values) {

  public static final class Coder extends AtomicCoder<CsvRecord> {
    private static final long serialVersionUID = 1L;
    private static final Coder INSTANCE = new Coder();
    private static final ListCoder<String> VALUES = ListCoder.of(StringUtf8Coder.of());

    public static Coder of() {
      return INSTANCE;
    }

    /** Found by {@code @DefaultCoder}, so a {@code PCollection<CsvRecord>} needs no setCoder. */
    public static CoderProvider getCoderProvider() {
      return CoderProviders.forCoder(TypeDescriptor.of(CsvRecord.class), INSTANCE);
    }

    @Override
    public void encode(CsvRecord record, OutputStream out) throws IOException {
      VarLongCoder.of().encode(record.line(), out);
      VALUES.encode(record.values(), out);
    }

    @Override
    public CsvRecord decode(InputStream in) throws IOException {
      return new CsvRecord(VarLongCoder.of().decode(in), VALUES.decode(in));
    }
  }
}
