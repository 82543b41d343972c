package gov.austintexas.atd.pipelines.s3toknack;

import com.fasterxml.jackson.databind.node.ObjectNode;
import gov.austintexas.atd.transforms.BadDataException;
import gov.austintexas.atd.transforms.json.Json;
import gov.austintexas.atd.transforms.json.JsonBytes;
import gov.austintexas.atd.transforms.json.ReadJsonArrayFile;
import gov.austintexas.atd.transforms.packing.JoinPacking;
import org.apache.beam.sdk.coders.ByteArrayCoder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;

/**
 * The record type's file, read, filtered for the app and keyed by its primary key, in the step that
 * parses it, and packed for the join ({@link JoinPacking}); each record keeps its place in the
 * file, for the coalescing order and for error messages, and travels as its JSON text until its
 * key's records are merged.
 */
class ReadSourceRecords extends PTransform<PBegin, PCollection<KV<Integer, byte[]>>> {
  private final KnackMapping mapping;
  private final String file;
  private final JoinPacking<KV<Long, JsonBytes>> packing;

  ReadSourceRecords(KnackMapping mapping, String file, int buckets) {
    this.mapping = mapping;
    this.file = file;
    this.packing = packing(buckets);
  }

  /** How the records are packed for the join: {@code KV(key, KV(position, record))}. */
  static JoinPacking<KV<Long, JsonBytes>> packing(int buckets) {
    return JoinPacking.of(
        KvCoder.of(StringUtf8Coder.of(), KvCoder.of(VarLongCoder.of(), JsonBytes.Coder.of())),
        buckets);
  }

  JoinPacking<KV<Long, JsonBytes>> packing() {
    return packing;
  }

  @Override
  public PCollection<KV<Integer, byte[]>> expand(PBegin begin) {
    return begin.apply(
        "Read " + mapping.recordType() + ".json",
        ReadJsonArrayFile.from(file)
            .withCounter("read")
            .into(
                packing.packing(new KeyByPrimaryKey(mapping, file)),
                KvCoder.of(VarIntCoder.of(), ByteArrayCoder.of()))
            .withName("Parse, filter for " + mapping.app() + ", key, pack"));
  }

  /**
   * Keeps the records the app's filter accepts, keyed by their primary key's text; a record without
   * one is bad data.
   */
  static class KeyByPrimaryKey
      implements ReadJsonArrayFile.ObjectFn<KV<String, KV<Long, JsonBytes>>> {
    private static final long serialVersionUID = 1L;
    private final KnackMapping mapping;
    private final String column;
    private final String file;

    KeyByPrimaryKey(KnackMapping mapping, String file) {
      this.mapping = mapping;
      this.column = mapping.primaryKey().source();
      this.file = file;
    }

    @Override
    public KV<String, KV<Long, JsonBytes>> apply(long position, ObjectNode record) {
      if (!mapping.accepts(record)) {
        return null;
      }
      String key = Json.canonicalText(record.get(column));
      if (key == null) {
        throw new BadDataException(
            file
                + ", record "
                + (position + 1)
                + ": the primary key "
                + column
                + " is empty: "
                + record);
      }
      return KV.of(key, KV.of(position, JsonBytes.of(record)));
    }
  }
}
