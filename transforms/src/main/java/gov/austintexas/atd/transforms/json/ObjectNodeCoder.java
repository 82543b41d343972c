package gov.austintexas.atd.transforms.json;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.ByteArrayCoder;
import org.apache.beam.sdk.coders.CoderException;

/** Encodes a JSON object as its UTF-8 text; numbers round-trip as exact decimals. */
public class ObjectNodeCoder extends AtomicCoder<ObjectNode> {
  private static final long serialVersionUID = 1L;
  private static final ObjectNodeCoder INSTANCE = new ObjectNodeCoder();
  private static final ByteArrayCoder BYTES = ByteArrayCoder.of();

  public static ObjectNodeCoder of() {
    return INSTANCE;
  }

  @Override
  public void encode(ObjectNode value, OutputStream out) throws IOException {
    if (value == null) {
      throw new CoderException("cannot encode a null ObjectNode");
    }
    BYTES.encode(Json.MAPPER.writeValueAsBytes(value), out);
  }

  @Override
  public ObjectNode decode(InputStream in) throws IOException {
    return (ObjectNode) Json.MAPPER.readTree(BYTES.decode(in));
  }

  @Override
  public void verifyDeterministic() throws NonDeterministicException {
    throw new NonDeterministicException(this, "JSON objects may list the same fields in any order");
  }
}
