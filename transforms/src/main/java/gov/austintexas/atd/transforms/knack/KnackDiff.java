package gov.austintexas.atd.transforms.knack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import gov.austintexas.atd.transforms.json.Json;
import gov.austintexas.atd.transforms.json.JsonBytes;
import gov.austintexas.atd.transforms.packing.BucketBatchFn;
import gov.austintexas.atd.transforms.packing.JoinPacking;
import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.beam.sdk.coders.ByteArrayCoder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.join.CoGbkResult;
import org.apache.beam.sdk.transforms.join.CoGroupByKey;
import org.apache.beam.sdk.transforms.join.KeyedPCollectionTuple;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;
import org.apache.beam.sdk.values.TypeDescriptor;

/**
 * The plan of a Knack publishing run: source records and the object's Knack records, both keyed by
 * primary key, joined with CoGroupByKey, so the work grows with the number of records rather than
 * with their product. For each key:
 *
 * <ul>
 *   <li>source only: a create ({@link #CREATES});
 *   <li>both, with a compared field that differs: an update of the Knack record's {@code id} with
 *       the whole mapped record ({@link #UPDATES});
 *   <li>both, no difference: {@link #UNCHANGED}, nothing sent;
 *   <li>Knack only: {@link #KNACK_ONLY}, counted and never deleted.
 * </ul>
 *
 * <p>Several Knack records with one key (left by an older system) are never added to: the one with
 * the lowest id is compared and updated, and the others are counted.
 *
 * <p>The join is keyed by a hash bucket of the record key ({@link #withBuckets}), not by the key: a
 * runner pays per group (the DirectRunner makes a bundle per key after a GroupByKey), so a few
 * dozen groups cost far less than one per record, and they still spread over workers. Each bucket's
 * records are matched by key in memory, where the source records of a key are also merged into the
 * one record compared with Knack's ({@link #mergingSourceRecordsWith}).
 *
 * <p>What is grouped is batches, not records: each side's records are packed, encoded, into about 1
 * MiB per bucket ({@link JoinPacking}), since a runner also pays per element grouped (the
 * DirectRunner copies grouped values through their coder for each bundle that feeds a group); a
 * reader of many records packs them as it reads them ({@link #packed}, {@link
 * #againstPackedStoredValues}). Of a Knack record only its id and the compared fields' stored
 * values are kept ({@link #storedValues}), as JSON text, parsed only for keys the source also has.
 * A Knack plan of a million records on each side: 42 CPU s and 2.0 GB peak RSS, where whole records
 * grouped one by one had not finished after 8 minutes at 6 GB (docs/benchmarks.md).
 *
 * @param <V> a source record, before its key's records are merged
 */
public class KnackDiff<V> extends PTransform<PCollection<KV<String, V>>, PCollectionTuple> {
  private static final long serialVersionUID = 1L;

  /**
   * Few buckets, because the DirectRunner pays per group: it scans every pending group's timer once
   * per bundle, so its cost grows with the square of the bucket count (a 50,000-record plan with
   * the C1 compiler: 32 CPU s at 256 buckets, 20 at 32, the same within noise at 16 and 64). 32
   * groups still spread a million records over a small cluster; give more ({@link #withBuckets})
   * for a larger one.
   */
  public static final int DEFAULT_BUCKETS = 32;

  public static final TupleTag<KnackWrite> CREATES = new TupleTag<>("creates") {};
  public static final TupleTag<KnackWrite> UPDATES = new TupleTag<>("updates") {};
  public static final TupleTag<String> UNCHANGED = new TupleTag<>("unchanged") {};
  public static final TupleTag<String> KNACK_ONLY = new TupleTag<>("knack_only") {};

  /**
   * Turns the source records of one key (in no particular order) into the one record compared with
   * Knack's.
   */
  @FunctionalInterface
  public interface SourceMerge<V> extends Serializable {
    ObjectNode merge(String key, List<V> records);
  }

  // One of the three: whole Knack records, reduced to their stored values when packed; those
  // values; or those values already packed (storedValuesPacking).
  private final transient PCollection<KV<String, ObjectNode>> knackRecords;
  private final transient PCollection<KV<String, JsonBytes>> knackValues;
  private final transient PCollection<KV<Integer, byte[]>> knackBatches;
  private final Set<String> comparedFields;
  private final SourceMerge<V> merge;
  private final int buckets;

  private KnackDiff(
      PCollection<KV<String, ObjectNode>> knackRecords,
      PCollection<KV<String, JsonBytes>> knackValues,
      PCollection<KV<Integer, byte[]>> knackBatches,
      Set<String> comparedFields,
      SourceMerge<V> merge,
      int buckets) {
    this.knackRecords = knackRecords;
    this.knackValues = knackValues;
    this.knackBatches = knackBatches;
    this.comparedFields = new TreeSet<>(comparedFields);
    this.merge = merge;
    this.buckets = buckets;
  }

  /**
   * Applied to the source records in the app's schema ({@code field_N} → value), one per key.
   *
   * @param knackRecords the object's records as Knack returns them, by key
   * @param comparedFields the mapped fields that count as a change (all but "ignore diff")
   */
  public static KnackDiff<ObjectNode> against(
      PCollection<KV<String, ObjectNode>> knackRecords, Set<String> comparedFields) {
    return new KnackDiff<>(
        knackRecords, null, null, comparedFields, KnackDiff::onlyRecord, DEFAULT_BUCKETS);
  }

  /**
   * As {@link #against}, with each Knack record already reduced to its {@link #storedValues}: a
   * reader of many records does that as it reads each one, so the whole records are never held
   * together.
   */
  public static KnackDiff<ObjectNode> againstStoredValues(
      PCollection<KV<String, JsonBytes>> knackValues, Set<String> comparedFields) {
    return new KnackDiff<>(
        null, knackValues, null, comparedFields, KnackDiff::onlyRecord, DEFAULT_BUCKETS);
  }

  /**
   * As {@link #againstStoredValues}, with the values already packed with {@code packing} (from
   * {@link #storedValuesPacking}) by the step that reads them; the join takes its bucket count.
   */
  public static KnackDiff<ObjectNode> againstPackedStoredValues(
      PCollection<KV<Integer, byte[]>> knackBatches,
      JoinPacking<JsonBytes> packing,
      Set<String> comparedFields) {
    return new KnackDiff<>(
        null, null, knackBatches, comparedFields, KnackDiff::onlyRecord, packing.buckets());
  }

  /** How Knack records' stored values are packed for the join, in {@code buckets} buckets. */
  public static JoinPacking<JsonBytes> storedValuesPacking(int buckets) {
    return JoinPacking.of(KvCoder.of(StringUtf8Coder.of(), JsonBytes.Coder.of()), buckets);
  }

  /**
   * Applied to source records of any kind, several per key, that {@code merge} makes one mapped
   * record.
   */
  public <W> KnackDiff<W> mergingSourceRecordsWith(SourceMerge<W> merge) {
    return new KnackDiff<>(knackRecords, knackValues, knackBatches, comparedFields, merge, buckets);
  }

  /** Joins in {@code buckets} groups instead of {@link #DEFAULT_BUCKETS}; the plan is the same. */
  public KnackDiff<V> withBuckets(int buckets) {
    if (buckets < 1) {
      throw new IllegalArgumentException("buckets must be at least 1, not " + buckets);
    }
    return new KnackDiff<>(knackRecords, knackValues, knackBatches, comparedFields, merge, buckets);
  }

  /**
   * What the plan reads of a Knack record: its {@code id}, and for each compared field the value
   * Knack stores ({@link KnackValues#stored}) under the field's own name. {@link #changes} gives
   * the same for it as for the whole record.
   */
  public static ObjectNode storedValues(ObjectNode knackRecord, Set<String> comparedFields) {
    ObjectNode kept = Json.MAPPER.createObjectNode();
    JsonNode id = knackRecord.get("id");
    if (id != null) {
      kept.set("id", id);
    }
    for (String field : comparedFields) {
      JsonNode stored = KnackValues.stored(knackRecord, field);
      if (stored != null) {
        kept.set(field, stored);
      }
    }
    return kept;
  }

  @Override
  public PCollectionTuple expand(PCollection<KV<String, V>> source) {
    return join(
        inBuckets("Bucket source records", source, JoinPacking.of(source.getCoder(), buckets)),
        JoinPacking.of(source.getCoder(), buckets));
  }

  /**
   * The same plan from source records already packed with {@code sourcePacking} (of this diff's
   * bucket count) by the step that reads them.
   */
  public Packed<V> packed(JoinPacking<V> sourcePacking) {
    checkBuckets(sourcePacking, "the source records");
    return new Packed<>(this, sourcePacking);
  }

  /** {@link #packed}'s transform. */
  public static class Packed<V>
      extends PTransform<PCollection<KV<Integer, byte[]>>, PCollectionTuple> {
    private static final long serialVersionUID = 1L;
    private final KnackDiff<V> diff;
    private final JoinPacking<V> sourcePacking;

    Packed(KnackDiff<V> diff, JoinPacking<V> sourcePacking) {
      this.diff = diff;
      this.sourcePacking = sourcePacking;
    }

    @Override
    public PCollectionTuple expand(PCollection<KV<Integer, byte[]>> sourceBatches) {
      return diff.join(sourceBatches, sourcePacking);
    }
  }

  private void checkBuckets(JoinPacking<?> packing, String side) {
    if (packing.buckets() != buckets) {
      throw new IllegalArgumentException(
          side + " are packed in " + packing.buckets() + " buckets, the join has " + buckets);
    }
  }

  private PCollectionTuple join(
      PCollection<KV<Integer, byte[]>> sourceBatches, JoinPacking<V> sourcePacking) {
    JoinPacking<JsonBytes> knackPacking = storedValuesPacking(buckets);
    PCollection<KV<Integer, byte[]>> knack;
    if (knackBatches != null) {
      knack = knackBatches;
    } else {
      knack =
          inBuckets(
              "Bucket Knack records",
              knackValues != null ? knackValues : keepStoredValues(knackRecords, comparedFields),
              knackPacking);
    }
    TupleTag<byte[]> sourceTag = new TupleTag<>("source");
    TupleTag<byte[]> knackTag = new TupleTag<>("knack");
    PCollectionTuple plan =
        KeyedPCollectionTuple.of(sourceTag, sourceBatches)
            .and(knackTag, knack)
            .apply("Join by bucket", CoGroupByKey.create())
            .apply(
                "Classify",
                ParDo.of(
                        new ClassifyBucketFn<>(
                            sourceTag,
                            sourcePacking,
                            knackTag,
                            knackPacking,
                            comparedFields,
                            merge))
                    .withOutputTags(
                        CREATES, TupleTagList.of(UPDATES).and(UNCHANGED).and(KNACK_ONLY)));
    plan.get(CREATES).setCoder(KnackWrite.Coder.of());
    plan.get(UPDATES).setCoder(KnackWrite.Coder.of());
    plan.get(UNCHANGED).setCoder(StringUtf8Coder.of());
    plan.get(KNACK_ONLY).setCoder(StringUtf8Coder.of());
    return plan;
  }

  private static PCollection<KV<String, JsonBytes>> keepStoredValues(
      PCollection<KV<String, ObjectNode>> records, Set<String> comparedFields) {
    return records
        .apply(
            "Keep the compared values",
            MapElements.into(new TypeDescriptor<KV<String, JsonBytes>>() {})
                .via(
                    (KV<String, ObjectNode> record) ->
                        KV.of(
                            record.getKey(),
                            JsonBytes.of(storedValues(record.getValue(), comparedFields)))))
        .setCoder(KvCoder.of(StringUtf8Coder.of(), JsonBytes.Coder.of()));
  }

  /** Records packed into batches by bucket ({@link BucketBatchFn}). */
  private static <T> PCollection<KV<Integer, byte[]>> inBuckets(
      String name, PCollection<KV<String, T>> records, JoinPacking<T> packing) {
    return records
        .apply(name, ParDo.of(new BucketBatchFn<>(packing)))
        .setCoder(KvCoder.of(VarIntCoder.of(), ByteArrayCoder.of()));
  }

  private static ObjectNode onlyRecord(String key, List<ObjectNode> records) {
    if (records.size() > 1) {
      throw new IllegalStateException(
          "two source records share the key " + key + "; coalesce them first");
    }
    return records.get(0);
  }

  /** The differing compared fields, as {@code {"field_N": {"old": knack's, "new": ours}}}. */
  public static ObjectNode changes(
      ObjectNode ours, ObjectNode knackRecord, Set<String> comparedFields) {
    ObjectNode changes = Json.MAPPER.createObjectNode();
    for (String field : comparedFields) {
      JsonNode value = ours.get(field);
      JsonNode stored = KnackValues.stored(knackRecord, field);
      if (!KnackValues.same(value, stored)) {
        ObjectNode change = changes.putObject(field);
        change.set("old", stored == null ? Json.MAPPER.nullNode() : stored);
        change.set("new", value == null ? Json.MAPPER.nullNode() : value);
      }
    }
    return changes;
  }

  /** Matches one bucket's records by key and classifies each key. */
  static class ClassifyBucketFn<V> extends DoFn<KV<Integer, CoGbkResult>, KnackWrite> {
    private static final long serialVersionUID = 1L;
    private final TupleTag<byte[]> source;
    private final JoinPacking<V> sourcePacking;
    private final TupleTag<byte[]> knack;
    private final JoinPacking<JsonBytes> knackPacking;
    private final Set<String> comparedFields;
    private final SourceMerge<V> merge;
    private final Counter toCreate = KnackMetrics.counter(KnackMetrics.TO_CREATE);
    private final Counter toUpdate = KnackMetrics.counter(KnackMetrics.TO_UPDATE);
    private final Counter unchanged = KnackMetrics.counter(KnackMetrics.UNCHANGED);
    private final Counter knackOnly = KnackMetrics.counter(KnackMetrics.KNACK_ONLY);
    private final Counter knackDuplicates = KnackMetrics.counter(KnackMetrics.KNACK_DUPLICATE_KEYS);

    ClassifyBucketFn(
        TupleTag<byte[]> source,
        JoinPacking<V> sourcePacking,
        TupleTag<byte[]> knack,
        JoinPacking<JsonBytes> knackPacking,
        Set<String> comparedFields,
        SourceMerge<V> merge) {
      this.source = source;
      this.sourcePacking = sourcePacking;
      this.knack = knack;
      this.knackPacking = knackPacking;
      this.comparedFields = comparedFields;
      this.merge = merge;
    }

    @ProcessElement
    public void processElement(@Element KV<Integer, CoGbkResult> bucket, MultiOutputReceiver out)
        throws IOException {
      Map<String, List<V>> ours = byKey(sourcePacking.unpack(bucket.getValue().getAll(source)));
      Map<String, List<JsonBytes>> theirs =
          byKey(knackPacking.unpack(bucket.getValue().getAll(knack)));
      for (Map.Entry<String, List<V>> key : ours.entrySet()) {
        List<ObjectNode> matched = new ArrayList<>(1);
        theirs.getOrDefault(key.getKey(), List.of()).forEach(record -> matched.add(record.parse()));
        classify(key.getKey(), merge.merge(key.getKey(), key.getValue()), matched, out);
      }
      // Knack-only records are counted, never parsed.
      for (Map.Entry<String, List<JsonBytes>> key : theirs.entrySet()) {
        if (!ours.containsKey(key.getKey())) {
          if (key.getValue().size() > 1) {
            knackDuplicates.inc(key.getValue().size() - 1);
          }
          knackOnly.inc();
          out.get(KNACK_ONLY).output(key.getKey());
        }
      }
    }

    private void classify(
        String key, ObjectNode ours, List<ObjectNode> theirs, MultiOutputReceiver out) {
      if (theirs.isEmpty()) {
        toCreate.inc();
        out.get(CREATES).output(KnackWrite.create(key, ours));
        return;
      }
      ObjectNode knackRecord = countDuplicates(theirs);
      ObjectNode changes = changes(ours, knackRecord, comparedFields);
      if (changes.isEmpty()) {
        unchanged.inc();
        out.get(UNCHANGED).output(key);
      } else {
        toUpdate.inc();
        out.get(UPDATES)
            .output(KnackWrite.update(key, knackRecord.path("id").asText(), ours, changes));
      }
    }

    /** The record with the lowest id of a key's Knack records, counting the others. */
    private ObjectNode countDuplicates(List<ObjectNode> theirs) {
      if (theirs.size() > 1) {
        knackDuplicates.inc(theirs.size() - 1);
      }
      return theirs.stream()
          .min(Comparator.comparing(record -> record.path("id").asText()))
          .orElseThrow();
    }

    private static <T> Map<String, List<T>> byKey(Iterable<KV<String, T>> records) {
      Map<String, List<T>> byKey = new HashMap<>();
      for (KV<String, T> record : records) {
        byKey.computeIfAbsent(record.getKey(), key -> new ArrayList<>(1)).add(record.getValue());
      }
      return byKey;
    }
  }
}
