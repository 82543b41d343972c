package gov.austintexas.atd.transforms.knack;

import com.fasterxml.jackson.databind.node.ObjectNode;
import gov.austintexas.atd.transforms.json.ObjectNodeCoder;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.NullableCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;

/**
 * One planned write to a Knack object: a create, or an update of the Knack record {@code id} with
 * the whole mapped record. {@code changes} lists, for an update, each differing field as {@code
 * {"old": …, "new": …}}, for reports; it is not sent.
 */
public record KnackWrite(Kind kind, String key, String id, ObjectNode record, ObjectNode changes) {

  public enum Kind {
    CREATE,
    UPDATE
  }

  public static KnackWrite create(String key, ObjectNode record) {
    return new KnackWrite(Kind.CREATE, key, null, record, null);
  }

  public static KnackWrite update(String key, String id, ObjectNode record, ObjectNode changes) {
    return new KnackWrite(Kind.UPDATE, key, id, record, changes);
  }

  /** Encodes the parts in order; the record and changes as exact-decimal JSON. */
  public static class Coder extends AtomicCoder<KnackWrite> {
    private static final long serialVersionUID = 1L;
    private static final NullableCoder<String> TEXT = NullableCoder.of(StringUtf8Coder.of());
    private static final NullableCoder<ObjectNode> JSON = NullableCoder.of(ObjectNodeCoder.of());

    public static Coder of() {
      return new Coder();
    }

    @Override
    public void encode(KnackWrite write, OutputStream out) throws IOException {
      TEXT.encode(write.kind().name(), out);
      TEXT.encode(write.key(), out);
      TEXT.encode(write.id(), out);
      JSON.encode(write.record(), out);
      JSON.encode(write.changes(), out);
    }

    @Override
    public KnackWrite decode(InputStream in) throws IOException {
      return new KnackWrite(
          Kind.valueOf(TEXT.decode(in)),
          TEXT.decode(in),
          TEXT.decode(in),
          JSON.decode(in),
          JSON.decode(in));
    }
  }
}
