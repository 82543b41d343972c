package gov.austintexas.atd.transforms.socrata;

import com.fasterxml.jackson.databind.node.ObjectNode;
import gov.austintexas.atd.transforms.json.ObjectNodeCoder;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.ListCoder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.coders.VarLongCoder;

/**
 * One request's worth of rows: chunk {@code index} (0-based), from row {@code firstRow} (0-based).
 */
record SocrataChunk(int index, long firstRow, List<ObjectNode> rows) {

  /** {@code chunk 3 (rows 2001-3000)}, 1-based, for failure reports. */
  String describe() {
    return "chunk "
        + (index + 1)
        + " (rows "
        + (firstRow + 1)
        + "-"
        + (firstRow + rows.size())
        + ")";
  }

  static class Coder extends AtomicCoder<SocrataChunk> {
    private static final long serialVersionUID = 1L;
    private static final ListCoder<ObjectNode> ROWS = ListCoder.of(ObjectNodeCoder.of());

    static Coder of() {
      return new Coder();
    }

    @Override
    public void encode(SocrataChunk chunk, OutputStream out) throws IOException {
      VarIntCoder.of().encode(chunk.index(), out);
      VarLongCoder.of().encode(chunk.firstRow(), out);
      ROWS.encode(chunk.rows(), out);
    }

    @Override
    public SocrataChunk decode(InputStream in) throws IOException {
      return new SocrataChunk(
          VarIntCoder.of().decode(in), VarLongCoder.of().decode(in), ROWS.decode(in));
    }
  }
}
