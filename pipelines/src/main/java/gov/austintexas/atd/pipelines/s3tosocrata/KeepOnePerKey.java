package gov.austintexas.atd.pipelines.s3tosocrata;

import com.fasterxml.jackson.databind.node.ObjectNode;
import gov.austintexas.atd.transforms.json.Json;
import gov.austintexas.atd.transforms.json.ObjectNodeCoder;
import gov.austintexas.atd.transforms.socrata.FieldNames;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.SerializableFunction;
import org.apache.beam.sdk.transforms.Values;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;

/**
 * Keeps one row of each value of a column: the first or the last in file order (the rows' keys are
 * their positions in the file). The column is found as Socrata finds a field ({@link FieldNames}):
 * {@code task_order} is the row's {@code TASK_ORDER}. Rows with no value in the column are one
 * group, as pandas' {@code drop_duplicates} treats them.
 */
final class KeepOnePerKey
    extends PTransform<PCollection<KV<Long, ObjectNode>>, PCollection<KV<Long, ObjectNode>>> {
  private static final long serialVersionUID = 1L;
  private static final String NO_VALUE = "\u0000no value";
  private final String column;
  private final boolean first;

  private KeepOnePerKey(String column, boolean first) {
    this.column = column;
    this.first = first;
  }

  static KeepOnePerKey first(String column) {
    return new KeepOnePerKey(column, true);
  }

  static KeepOnePerKey last(String column) {
    return new KeepOnePerKey(column, false);
  }

  @Override
  public PCollection<KV<Long, ObjectNode>> expand(PCollection<KV<Long, ObjectNode>> rows) {
    KvCoder<Long, ObjectNode> positioned = KvCoder.of(VarLongCoder.of(), ObjectNodeCoder.of());
    return rows.apply("Key by " + column, ParDo.of(new KeyByColumnFn(column)))
        .setCoder(KvCoder.of(StringUtf8Coder.of(), positioned))
        .apply(first ? "Keep the first" : "Keep the last", Combine.perKey(new Pick(first)))
        .setCoder(KvCoder.of(StringUtf8Coder.of(), positioned))
        .apply("Rows", Values.create())
        .setCoder(positioned);
  }

  static class KeyByColumnFn extends DoFn<KV<Long, ObjectNode>, KV<String, KV<Long, ObjectNode>>> {
    private static final long serialVersionUID = 1L;
    private final String column;

    KeyByColumnFn(String column) {
      this.column = column;
    }

    @ProcessElement
    public void processElement(
        @Element KV<Long, ObjectNode> row, OutputReceiver<KV<String, KV<Long, ObjectNode>>> out) {
      String value = Json.canonicalText(FieldNames.value(row.getValue(), column));
      out.output(KV.of(value == null ? NO_VALUE : value, row));
    }
  }

  /** The row with the lowest (or highest) position. */
  static class Pick
      implements SerializableFunction<Iterable<KV<Long, ObjectNode>>, KV<Long, ObjectNode>> {
    private static final long serialVersionUID = 1L;
    private final boolean first;

    Pick(boolean first) {
      this.first = first;
    }

    @Override
    public KV<Long, ObjectNode> apply(Iterable<KV<Long, ObjectNode>> rows) {
      KV<Long, ObjectNode> kept = null;
      for (KV<Long, ObjectNode> row : rows) {
        if (kept == null || (first ? row.getKey() < kept.getKey() : row.getKey() > kept.getKey())) {
          kept = row;
        }
      }
      return kept;
    }
  }
}
