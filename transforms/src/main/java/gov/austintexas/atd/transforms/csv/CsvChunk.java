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
import org.apache.beam.sdk.coders.NullableCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.values.TypeDescriptor;

/**
 * A piece of a CSV file that starts and ends on record boundaries: the bytes {@code [start, end)},
 * the line its first record starts on, and what the header said: how many fields a record has and
 * where the wanted columns are. Every chunk of a file comes from the one version the cut read: a
 * downloaded URL's chunk carries its {@code bytes}; an S3 object's is read at its {@code version}
 * (ETag); a file's (both null) is read where it is.
 */
@DefaultCoder(CsvChunk.Coder.class)
public record CsvChunk(
    String location,
    long start,
    long end,
    long firstLine,
    int headerSize,
    List<Integer> positions,
    byte[] bytes,
    String version) {

  public static final class Coder extends AtomicCoder<CsvChunk> {
    private static final long serialVersionUID = 1L;
    private static final Coder INSTANCE = new Coder();
    private static final ListCoder<Integer> POSITIONS = ListCoder.of(VarIntCoder.of());
    private static final NullableCoder<byte[]> BYTES = NullableCoder.of(ByteArrayCoder.of());
    private static final NullableCoder<String> VERSION = NullableCoder.of(StringUtf8Coder.of());

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
      BYTES.encode(chunk.bytes(), out);
      VERSION.encode(chunk.version(), out);
    }

    @Override
    public CsvChunk decode(InputStream in) throws IOException {
      return new CsvChunk(
          StringUtf8Coder.of().decode(in),
          VarLongCoder.of().decode(in),
          VarLongCoder.of().decode(in),
          VarLongCoder.of().decode(in),
          VarIntCoder.of().decode(in),
          POSITIONS.decode(in),
          BYTES.decode(in),
          VERSION.decode(in));
    }
  }
}
