package gov.austintexas.atd.transforms.knack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import gov.austintexas.atd.transforms.json.Json;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.transforms.DoFn;
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

/**
 * The plan of a Knack publishing run: mapped source records and the object's Knack records, both
 * keyed by primary key, joined with CoGroupByKey, so the work grows with the number of records
 * rather than with their product. For each key:
 *
 * <ul>
 *   <li>source only: a create ({@link #CREATES});
 *   <li>both, with a compared field that differs: an update of the Knack record's {@code id} with
 *       the whole mapped record ({@link #UPDATES});
 *   <li>both, no difference: {@link #UNCHANGED}, nothing sent;
 *   <li>Knack only: {@link #KNACK_ONLY}, counted and never deleted.
 * </ul>
 *
 * <p>Several Knack records with one key (left by an older system) are never added to: the one
 * with the lowest id is compared and updated, and the others are counted.
 */
public class KnackDiff extends PTransform<PCollection<KV<String, ObjectNode>>, PCollectionTuple> {
  private static final long serialVersionUID = 1L;

  public static final TupleTag<KnackWrite> CREATES = new TupleTag<>("creates") {};
  public static final TupleTag<KnackWrite> UPDATES = new TupleTag<>("updates") {};
  public static final TupleTag<String> UNCHANGED = new TupleTag<>("unchanged") {};
  public static final TupleTag<String> KNACK_ONLY = new TupleTag<>("knack_only") {};

  private final transient PCollection<KV<String, ObjectNode>> knackRecords;
  private final Set<String> comparedFields;

  private KnackDiff(PCollection<KV<String, ObjectNode>> knackRecords, Set<String> comparedFields) {
    this.knackRecords = knackRecords;
    this.comparedFields = new TreeSet<>(comparedFields);
  }

  /**
   * Applied to the source records in the app's schema ({@code field_N} → value), by key.
   *
   * @param knackRecords the object's records as Knack returns them, by key
   * @param comparedFields the mapped fields that count as a change (all but "ignore diff")
   */
  public static KnackDiff against(PCollection<KV<String, ObjectNode>> knackRecords, Set<String> comparedFields) {
    return new KnackDiff(knackRecords, comparedFields);
  }

  @Override
  public PCollectionTuple expand(PCollection<KV<String, ObjectNode>> mapped) {
    TupleTag<ObjectNode> source = new TupleTag<>("source");
    TupleTag<ObjectNode> knack = new TupleTag<>("knack");
    PCollectionTuple plan =
        KeyedPCollectionTuple.of(source, mapped)
            .and(knack, knackRecords)
            .apply("Join by key", CoGroupByKey.create())
            .apply(
                "Classify",
                ParDo.of(new ClassifyFn(source, knack, comparedFields))
                    .withOutputTags(CREATES, TupleTagList.of(UPDATES).and(UNCHANGED).and(KNACK_ONLY)));
    plan.get(CREATES).setCoder(KnackWrite.Coder.of());
    plan.get(UPDATES).setCoder(KnackWrite.Coder.of());
    plan.get(UNCHANGED).setCoder(StringUtf8Coder.of());
    plan.get(KNACK_ONLY).setCoder(StringUtf8Coder.of());
    return plan;
  }

  /** The differing compared fields, as {@code {"field_N": {"old": knack's, "new": ours}}}. */
  public static ObjectNode changes(ObjectNode ours, ObjectNode knackRecord, Set<String> comparedFields) {
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

  static class ClassifyFn extends DoFn<KV<String, CoGbkResult>, KnackWrite> {
    private static final long serialVersionUID = 1L;
    private final TupleTag<ObjectNode> source;
    private final TupleTag<ObjectNode> knack;
    private final Set<String> comparedFields;
    private final Counter toCreate = KnackMetrics.counter(KnackMetrics.TO_CREATE);
    private final Counter toUpdate = KnackMetrics.counter(KnackMetrics.TO_UPDATE);
    private final Counter unchanged = KnackMetrics.counter(KnackMetrics.UNCHANGED);
    private final Counter knackOnly = KnackMetrics.counter(KnackMetrics.KNACK_ONLY);
    private final Counter knackDuplicates = KnackMetrics.counter(KnackMetrics.KNACK_DUPLICATE_KEYS);

    ClassifyFn(TupleTag<ObjectNode> source, TupleTag<ObjectNode> knack, Set<String> comparedFields) {
      this.source = source;
      this.knack = knack;
      this.comparedFields = comparedFields;
    }

    @ProcessElement
    public void processElement(@Element KV<String, CoGbkResult> joined, MultiOutputReceiver out) {
      String key = joined.getKey();
      ObjectNode ours = only(joined.getValue().getAll(source), key);
      List<ObjectNode> theirs = new ArrayList<>();
      joined.getValue().getAll(knack).forEach(theirs::add);
      if (theirs.size() > 1) {
        knackDuplicates.inc(theirs.size() - 1);
        theirs.sort(Comparator.comparing(record -> record.path("id").asText()));
      }
      if (ours == null) {
        knackOnly.inc();
        out.get(KNACK_ONLY).output(key);
      } else if (theirs.isEmpty()) {
        toCreate.inc();
        out.get(CREATES).output(KnackWrite.create(key, ours));
      } else {
        ObjectNode knackRecord = theirs.get(0);
        ObjectNode changes = changes(ours, knackRecord, comparedFields);
        if (changes.isEmpty()) {
          unchanged.inc();
          out.get(UNCHANGED).output(key);
        } else {
          toUpdate.inc();
          out.get(UPDATES).output(KnackWrite.update(key, knackRecord.path("id").asText(), ours, changes));
        }
      }
    }

    private static ObjectNode only(Iterable<ObjectNode> records, String key) {
      ObjectNode first = null;
      for (ObjectNode record : records) {
        if (first != null) {
          throw new IllegalStateException("two source records share the key " + key + "; coalesce them first");
        }
        first = record;
      }
      return first;
    }
  }
}
