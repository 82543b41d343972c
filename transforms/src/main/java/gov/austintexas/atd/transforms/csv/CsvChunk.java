package gov.austintexas.atd.transforms.csv;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.ByteArrayCoder;
import org.apache.beam.sdk.coders.CoderProvider;
import org.apache.beam.sdk.coders.CoderProviders;
import org.apache.beam.sdk.coders.DefaultCoder;
import org.apache.beam.sdk.coders.ListCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.values.TypeDescriptor;

/**
 * A piece of a CSV file that starts and ends on record boundaries: the bytes
 * {@code [start, end)} themselves, the line its first record starts on, and what the header said:
 * how many fields a record has and where the wanted columns are. The chunk carries its bytes, so
 * the file is read once, by the step that cut it, and every chunk comes from that one read.
 */
@DefaultCoder(CsvChunk.Coder.class)
public record CsvChunk(
    String location, long start, long end, long firstLine, int headerSize, List<Integer> positions, byte[] bytes) {

  public static final class Coder extends AtomicCoder<CsvChunk> {
    private static final long serialVersionUID = 1L;
    private static final Coder INSTANCE = new Coder();
    private static final ListCoder<Integer> POSITIONS = ListCoder.of(VarIntCoder.of());

    public static Coder of() {
      return INSTANCE;
    }

    /** Found by {@code @DefaultCoder}, so a {@code PCollection<CsvChunk>} needs no setCoder. */
    public static CoderProvider getCoderProvider() {
      return CoderProviders.forCoder(TypeDescriptor.of(CsvChunk.class), INSTANCE);
    }

    @Override
    public void encode(CsvChunk chunk, OutputStream out) throws IOException {
      StringUtf8Coder.of().encode(chunk.location(), out);
      VarLongCoder.of().encode(chunk.start(), out);
      VarLongCoder.of().encode(chunk.end(), out);
      VarLongCoder.of().encode(chunk.firstLine(), out);
      VarIntCoder.of().encode(chunk.headerSize(), out);
      POSITIONS.encode(chunk.positions(), out);
      ByteArrayCoder.of().encode(chunk.bytes(), out);
    }

    @Override
    public CsvChunk decode(InputStream in) throws IOException {
      return new CsvChunk(StringUtf8Coder.of().decode(in), VarLongCoder.of().decode(in), VarLongCoder.of().decode(in),
          VarLongCoder.of().decode(in), VarIntCoder.of().decode(in), POSITIONS.decode(in), ByteArrayCoder.of().decode(in));
    }
  }
}
