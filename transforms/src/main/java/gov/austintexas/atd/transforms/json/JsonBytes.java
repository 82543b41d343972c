package gov.austintexas.atd.transforms.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.ByteArrayCoder;

/**
 * A JSON object held as its UTF-8 text, parsed only where it is read. Between steps it costs a byte
 * array instead of a tree of nodes (a third of the memory for a Knack record), and a runner that
 * copies elements through their coder (the DirectRunner copies grouped values once per bundle that
 * feeds a group) copies bytes instead of writing and re-parsing JSON.
 */
public final class JsonBytes {
  private final byte[] utf8;

  private JsonBytes(byte[] utf8) {
    this.utf8 = utf8;
  }

  public static JsonBytes of(ObjectNode object) {
    try {
      return new JsonBytes(Json.MAPPER.writeValueAsBytes(object));
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A new tree each time, with numbers as exact decimals ({@link Json#MAPPER}). */
  public ObjectNode parse() {
    try {
      return (ObjectNode) Json.MAPPER.readTree(utf8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof JsonBytes that && Arrays.equals(utf8, that.utf8);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(utf8);
  }

  @Override
  public String toString() {
    return new String(utf8, java.nio.charset.StandardCharsets.UTF_8);
  }

  /** The text's bytes, length-prefixed; equal values encode equally. */
  public static class Coder extends AtomicCoder<JsonBytes> {
    private static final long serialVersionUID = 1L;
    private static final Coder INSTANCE = new Coder();
    private static final ByteArrayCoder BYTES = ByteArrayCoder.of();

    public static Coder of() {
      return INSTANCE;
    }

    @Override
    public void encode(JsonBytes value, OutputStream out) throws IOException {
      BYTES.encode(value.utf8, out);
    }

    @Override
    public JsonBytes decode(InputStream in) throws IOException {
      return new JsonBytes(BYTES.decode(in));
    }

    @Override
    public void verifyDeterministic() {}

    @Override
    public boolean consistentWithEquals() {
      return true;
    }
  }
}
