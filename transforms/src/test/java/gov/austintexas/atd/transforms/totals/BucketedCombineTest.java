package gov.austintexas.atd.transforms.totals;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.MapCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestPipelineExtension;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.Sum;
import org.apache.beam.sdk.util.CoderUtils;
import org.apache.beam.sdk.values.KV;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(TestPipelineExtension.class)
class BucketedCombineTest {

  @Test
  void givesWhatCombinePerKeyGives(TestPipeline pipeline) {
    List<KV<String, Long>> input = new ArrayList<>();
    for (long i = 0; i < 300; i++) {
      input.add(KV.of("key " + (i % 40), i));
    }
    List<KV<String, Long>> expected = new ArrayList<>();
    for (long key = 0; key < 40; key++) {
      long sum = 0;
      for (long i = key; i < 300; i += 40) {
        sum += i;
      }
      expected.add(KV.of("key " + key, sum));
    }
    PAssert.that(
            pipeline
                .apply(
                    Create.of(input).withCoder(KvCoder.of(StringUtf8Coder.of(), VarLongCoder.of())))
                .apply(BucketedCombine.<String, Long, Long>perKey(Sum.ofLongs()).withBuckets(3)))
        .containsInAnyOrder(expected);
    pipeline.run().waitUntilFinish();
  }

  @Test
  void accumulatorsTravelAsTheirEncodingAndDecodeWhenRead() throws Exception {
    BucketedCombine.AccumulatorsCoder<String, Long> coder =
        new BucketedCombine.AccumulatorsCoder<>(
            MapCoder.of(StringUtf8Coder.of(), VarLongCoder.of()));
    Map<String, Long> keys = new HashMap<>(Map.of("a", 1L, "b", 2L));
    BucketedCombine.Accumulators<String, Long> sums =
        new BucketedCombine.Accumulators<>(keys, null);

    BucketedCombine.Accumulators<String, Long> copy = CoderUtils.clone(coder, sums);
    assertEquals(Map.of("a", 1L, "b", 2L), copy.keys());

    // A change after encoding is not lost: the next encoding is of the changed accumulators.
    sums.changing().put("c", 3L);
    assertEquals(Map.of("a", 1L, "b", 2L, "c", 3L), CoderUtils.clone(coder, sums).keys());
  }
}
