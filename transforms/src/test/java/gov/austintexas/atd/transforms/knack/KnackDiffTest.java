package gov.austintexas.atd.transforms.knack;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.node.ObjectNode;
import gov.austintexas.atd.transforms.json.Json;
import gov.austintexas.atd.transforms.json.JsonBytes;
import gov.austintexas.atd.transforms.json.ObjectNodeCoder;
import gov.austintexas.atd.transforms.packing.JoinPacking;
import java.util.List;
import java.util.Set;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestPipelineExtension;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The plan on small inputs, with exact creates, updates, unchanged and Knack-only keys. */
@ExtendWith(TestPipelineExtension.class)
class KnackDiffTest {

  private static KV<String, ObjectNode> keyed(String key, String json) throws Exception {
    return KV.of(key, (ObjectNode) Json.MAPPER.readTree(json));
  }

  private static PCollection<KV<String, ObjectNode>> create(
      TestPipeline pipeline, String name, List<KV<String, ObjectNode>> records) {
    return pipeline.apply(
        name, Create.of(records).withCoder(KvCoder.of(StringUtf8Coder.of(), ObjectNodeCoder.of())));
  }

  private static PCollection<String> describe(PCollection<KnackWrite> writes, String name) {
    return writes.apply(
        name,
        MapElements.into(TypeDescriptors.strings())
            .via(
                w ->
                    w.kind()
                        + " "
                        + w.key()
                        + " "
                        + w.id()
                        + " "
                        + w.record()
                        + " "
                        + w.changes()));
  }

  @Test
  void classifiesEveryKey(TestPipeline pipeline) throws Exception {
    PCollection<KV<String, ObjectNode>> ours =
        create(
            pipeline,
            "Ours",
            List.of(
                keyed("new", "{\"field_1\":\"new\",\"field_2\":\"1,000.00\",\"field_9\":\"now\"}"),
                keyed(
                    "same",
                    "{\"field_1\":\"same\",\"field_2\":2400,\"field_3\":null,\"field_9\":\"now\"}"),
                keyed(
                    "changed",
                    "{\"field_1\":\"changed\",\"field_2\":2.5,\"field_3\":\"x\",\"field_9\":\"now\"}"),
                keyed("dup", "{\"field_1\":\"dup\",\"field_2\":\"b\"}")));
    PCollection<KV<String, ObjectNode>> theirs =
        create(
            pipeline,
            "Theirs",
            List.of(
                keyed(
                    "same",
                    "{\"id\":\"k1\",\"field_1_raw\":\"same\",\"field_2_raw\":\"2400\",\"field_3_raw\":\"\",\"field_9_raw\":\"then\"}"),
                keyed(
                    "changed",
                    "{\"id\":\"k2\",\"field_1_raw\":\"changed\",\"field_2_raw\":\"2.50\",\"field_3\":\"y\"}"),
                keyed("dup", "{\"id\":\"k9\",\"field_1_raw\":\"dup\",\"field_2_raw\":\"a\"}"),
                keyed("dup", "{\"id\":\"k3\",\"field_1_raw\":\"dup\",\"field_2_raw\":\"a\"}"),
                keyed("gone", "{\"id\":\"k4\",\"field_1_raw\":\"gone\"}")));

    PCollectionTuple plan =
        ours.apply(KnackDiff.against(theirs, Set.of("field_1", "field_2", "field_3")));

    PAssert.that(describe(plan.get(KnackDiff.CREATES), "Creates"))
        .containsInAnyOrder(
            "CREATE new null {\"field_1\":\"new\",\"field_2\":\"1,000.00\",\"field_9\":\"now\"}"
                + " null");
    PAssert.that(describe(plan.get(KnackDiff.UPDATES), "Updates"))
        .containsInAnyOrder(
            "UPDATE changed k2"
                + " {\"field_1\":\"changed\",\"field_2\":2.5,\"field_3\":\"x\",\"field_9\":\"now\"}"
                + " {\"field_3\":{\"old\":\"y\",\"new\":\"x\"}}",
            "UPDATE dup k3 {\"field_1\":\"dup\",\"field_2\":\"b\"}"
                + " {\"field_2\":{\"old\":\"a\",\"new\":\"b\"}}");
    PAssert.that(plan.get(KnackDiff.UNCHANGED)).containsInAnyOrder("same");
    PAssert.that(plan.get(KnackDiff.KNACK_ONLY)).containsInAnyOrder("gone");
    pipeline.run().waitUntilFinish();
  }

  /**
   * Keys sharing a bucket stay apart, and a key's several source records are merged before the
   * comparison.
   */
  @Test
  void mergesEachKeysSourceRecordsWithinItsBucket(TestPipeline pipeline) throws Exception {
    PCollection<KV<String, ObjectNode>> ours =
        create(
            pipeline,
            "Ours",
            List.of(
                keyed("a", "{\"field_1\":\"x\"}"), keyed("a", "{\"field_1\":\"y\"}"),
                keyed("b", "{\"field_1\":\"z\"}"), keyed("c", "{\"field_1\":\"w\"}")));
    PCollection<KV<String, ObjectNode>> theirs =
        create(
            pipeline,
            "Theirs",
            List.of(
                keyed("a", "{\"id\":\"k1\",\"field_1_raw\":\"x+y\"}"),
                keyed("b", "{\"id\":\"k2\",\"field_1_raw\":\"z0\"}"),
                keyed("d", "{\"id\":\"k3\",\"field_1_raw\":\"v\"}")));

    // Two buckets for four keys, so some keys share one; the merge joins a key's values in order.
    PCollectionTuple plan =
        ours.apply(
            KnackDiff.against(theirs, Set.of("field_1"))
                .withBuckets(2)
                .<ObjectNode>mergingSourceRecordsWith(
                    (key, records) ->
                        Json.MAPPER
                            .createObjectNode()
                            .put(
                                "field_1",
                                String.join(
                                    "+",
                                    records.stream()
                                        .map(record -> record.get("field_1").asText())
                                        .sorted()
                                        .toList()))));

    PAssert.that(describe(plan.get(KnackDiff.CREATES), "Creates"))
        .containsInAnyOrder("CREATE c null {\"field_1\":\"w\"} null");
    PAssert.that(describe(plan.get(KnackDiff.UPDATES), "Updates"))
        .containsInAnyOrder(
            "UPDATE b k2 {\"field_1\":\"z\"} {\"field_1\":{\"old\":\"z0\",\"new\":\"z\"}}");
    PAssert.that(plan.get(KnackDiff.UNCHANGED)).containsInAnyOrder("a");
    PAssert.that(plan.get(KnackDiff.KNACK_ONLY)).containsInAnyOrder("d");
    pipeline.run().waitUntilFinish();
  }

  /**
   * Knack records given already reduced to their stored values plan the same, and a bucket of many
   * records travels in several batches.
   */
  @Test
  void plansTheSameFromStoredValuesAcrossManyBatches(TestPipeline pipeline) throws Exception {
    List<KV<String, ObjectNode>> ourRecords = new java.util.ArrayList<>();
    List<KV<String, JsonBytes>> theirValues = new java.util.ArrayList<>();
    // Enough text for more than one 1 MiB batch on each side, all in one bucket.
    String padding = "p".repeat(200);
    for (int i = 0; i < 6000; i++) {
      String key = "key" + i;
      ourRecords.add(
          keyed(key, "{\"field_1\":\"" + padding + (i % 1000 == 0 ? "new" : "") + "\"}"));
      ObjectNode knack =
          (ObjectNode)
              Json.MAPPER.readTree(
                  "{\"id\":\"k"
                      + i
                      + "\",\"field_1\":\"old\",\"field_1_raw\":\""
                      + padding
                      + "\"}");
      theirValues.add(KV.of(key, JsonBytes.of(KnackDiff.storedValues(knack, Set.of("field_1")))));
    }
    theirValues.add(
        KV.of("gone", JsonBytes.of((ObjectNode) Json.MAPPER.readTree("{\"id\":\"k-gone\"}"))));
    PCollection<KV<String, JsonBytes>> theirs =
        pipeline.apply(
            "Theirs",
            Create.of(theirValues)
                .withCoder(KvCoder.of(StringUtf8Coder.of(), JsonBytes.Coder.of())));

    PCollectionTuple plan =
        create(pipeline, "Ours", ourRecords)
            .apply(KnackDiff.againstStoredValues(theirs, Set.of("field_1")).withBuckets(1));

    PAssert.that(
            plan.get(KnackDiff.UPDATES)
                .apply(
                    "Updated keys",
                    MapElements.into(TypeDescriptors.strings()).via(w -> w.key() + " " + w.id())))
        .containsInAnyOrder(
            "key0 k0",
            "key1000 k1000",
            "key2000 k2000",
            "key3000 k3000",
            "key4000 k4000",
            "key5000 k5000");
    PAssert.that(plan.get(KnackDiff.KNACK_ONLY)).containsInAnyOrder("gone");
    PAssert.that(plan.get(KnackDiff.CREATES)).empty();
    PAssert.thatSingleton(
            plan.get(KnackDiff.UNCHANGED)
                .apply("Count unchanged", org.apache.beam.sdk.transforms.Count.globally()))
        .isEqualTo(5994L);
    pipeline.run().waitUntilFinish();
  }

  /**
   * Both sides packed by their readers plan as the records would; a mismatched count is refused.
   */
  @Test
  void plansFromPackedSidesAndRefusesAMismatchedBucketCount(TestPipeline pipeline)
      throws Exception {
    JoinPacking<ObjectNode> sourcePacking =
        JoinPacking.of(KvCoder.of(StringUtf8Coder.of(), ObjectNodeCoder.of()), 3);
    JoinPacking<JsonBytes> knackPacking = KnackDiff.storedValuesPacking(3);
    JoinPacking.Packer<ObjectNode> ours = sourcePacking.newPacker();
    for (KV<String, ObjectNode> record :
        List.of(keyed("new", "{\"field_1\":\"n\"}"), keyed("changed", "{\"field_1\":\"b\"}"))) {
      assertNull(ours.add(record));
    }
    JoinPacking.Packer<JsonBytes> theirs = knackPacking.newPacker();
    for (KV<String, ObjectNode> record :
        List.of(
            keyed("changed", "{\"id\":\"k1\",\"field_1_raw\":\"a\"}"),
            keyed("gone", "{\"id\":\"k2\"}"))) {
      assertNull(
          theirs.add(
              KV.of(
                  record.getKey(),
                  JsonBytes.of(KnackDiff.storedValues(record.getValue(), Set.of("field_1"))))));
    }
    List<KV<Integer, byte[]>> ourBatches = new java.util.ArrayList<>();
    ours.drain(ourBatches::add);
    List<KV<Integer, byte[]>> theirBatches = new java.util.ArrayList<>();
    theirs.drain(theirBatches::add);
    org.apache.beam.sdk.coders.Coder<KV<Integer, byte[]>> batchCoder =
        KvCoder.of(
            org.apache.beam.sdk.coders.VarIntCoder.of(),
            org.apache.beam.sdk.coders.ByteArrayCoder.of());

    KnackDiff<ObjectNode> diff =
        KnackDiff.againstPackedStoredValues(
            pipeline.apply("Theirs", Create.of(theirBatches).withCoder(batchCoder)),
            knackPacking,
            Set.of("field_1"));
    PCollectionTuple plan =
        pipeline
            .apply("Ours", Create.of(ourBatches).withCoder(batchCoder))
            .apply(diff.packed(sourcePacking));

    PAssert.that(describe(plan.get(KnackDiff.CREATES), "Creates"))
        .containsInAnyOrder("CREATE new null {\"field_1\":\"n\"} null");
    PAssert.that(describe(plan.get(KnackDiff.UPDATES), "Updates"))
        .containsInAnyOrder(
            "UPDATE changed k1 {\"field_1\":\"b\"} {\"field_1\":{\"old\":\"a\",\"new\":\"b\"}}");
    PAssert.that(plan.get(KnackDiff.KNACK_ONLY)).containsInAnyOrder("gone");
    assertThrows(
        IllegalArgumentException.class,
        () ->
            diff.packed(JoinPacking.of(KvCoder.of(StringUtf8Coder.of(), ObjectNodeCoder.of()), 4)));
    pipeline.run().waitUntilFinish();
  }
}
