package gov.austintexas.atd.pipelines.s3toknack;

import com.fasterxml.jackson.databind.node.ObjectNode;
import gov.austintexas.atd.transforms.BadDataException;
import gov.austintexas.atd.transforms.json.Json;
import gov.austintexas.atd.transforms.json.ObjectNodeCoder;
import gov.austintexas.atd.transforms.json.ReadJsonArrayFile;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Filter;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;

/**
 * The record type's file, read, filtered for the app and keyed by its primary key; each record
 * keeps its place in the file, for the coalescing order and for error messages.
 */
class ReadSourceRecords extends PTransform<PBegin, PCollection<KV<String, KV<Long, ObjectNode>>>> {
  private final KnackMapping mapping;
  private final String file;

  ReadSourceRecords(KnackMapping mapping, String file) {
    this.mapping = mapping;
    this.file = file;
  }

  @Override
  public PCollection<KV<String, KV<Long, ObjectNode>>> expand(PBegin begin) {
    KnackMapping mapping = this.mapping; // the filter's lambda captures the mapping, not this
    return begin
        .apply(
            "Read " + mapping.recordType() + ".json",
            ReadJsonArrayFile.from(file).withCounter("read"))
        .apply(
            "Filter for " + mapping.app(),
            Filter.by((KV<Long, ObjectNode> record) -> mapping.accepts(record.getValue())))
        .apply(
            "Key by " + mapping.primaryKey().source(),
            ParDo.of(new KeyByPrimaryKeyFn(mapping.primaryKey().source(), file)))
        .setCoder(
            KvCoder.of(StringUtf8Coder.of(), KvCoder.of(VarLongCoder.of(), ObjectNodeCoder.of())));
  }

  /** Keys each source record by its primary key's text; a record without one is bad data. */
  static class KeyByPrimaryKeyFn
      extends DoFn<KV<Long, ObjectNode>, KV<String, KV<Long, ObjectNode>>> {
    private static final long serialVersionUID = 1L;
    private final String column;
    private final String file;

    KeyByPrimaryKeyFn(String column, String file) {
      this.column = column;
      this.file = file;
    }

    @ProcessElement
    public void processElement(
        @Element KV<Long, ObjectNode> record,
        OutputReceiver<KV<String, KV<Long, ObjectNode>>> out) {
      String key = Json.canonicalText(record.getValue().get(column));
      if (key == null) {
        throw new BadDataException(
            file
                + ", record "
                + (record.getKey() + 1)
                + ": the primary key "
                + column
                + " is empty: "
                + record.getValue());
      }
      out.output(KV.of(key, record));
    }
  }
}
