package gov.austintexas.atd.transforms.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.CoderProvider;
import org.apache.beam.sdk.coders.CoderProviders;
import org.apache.beam.sdk.coders.DefaultCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.values.TypeDescriptor;

/**
 * A piece of a text file: its position among the pieces, the number of records it holds (a CSV
 * header is text but no record) and its text. A file is its chunks in position order.
 */
@DefaultCoder(TextChunk.Coder.class)
public record TextChunk(long position, long records, String text) {

  public static final class Coder extends AtomicCoder<TextChunk> {
    private static final long serialVersionUID = 1L;
    private static final Coder INSTANCE = new Coder();

    public static Coder of() {
      return INSTANCE;
    }

    /** Found by {@code @DefaultCoder}, so a {@code PCollection<TextChunk>} needs no setCoder. */
    public static CoderProvider getCoderProvider() {
      return CoderProviders.forCoder(TypeDescriptor.of(TextChunk.class), INSTANCE);
    }

    @Override
    public void encode(TextChunk chunk, OutputStream out) throws IOException {
      VarLongCoder.of().encode(chunk.position(), out);
      VarLongCoder.of().encode(chunk.records(), out);
      StringUtf8Coder.of().encode(chunk.text(), out);
    }

    @Override
    public TextChunk decode(InputStream in) throws IOException {
      return new TextChunk(
          VarLongCoder.of().decode(in),
          VarLongCoder.of().decode(in),
          StringUtf8Coder.of().decode(in));
    }
  }
}
