package gov.austintexas.atd.transforms.totals;

import java.util.Arrays;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CoderException;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.util.CoderUtils;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;

/**
 * Keys each element by a bucket of its series key, so that a grouping handles many small series as
 * a few groups: a runner that pays per key (the DirectRunner makes a bundle per key after a
 * GroupByKey, at a cost of milliseconds each) stays fast with tens of thousands of series, and a
 * distributed runner still gets {@code buckets} groups to spread over its workers.
 *
 * <p>The bucket is a hash of the key's encoding, so it is the same on every worker and JVM.
 */
public class SeriesBuckets<K, V>
    extends PTransform<PCollection<KV<K, V>>, PCollection<KV<Integer, KV<K, V>>>> {
  private static final long serialVersionUID = 1L;

  /** Enough groups to keep a cluster's workers busy, few enough to be cheap on one machine. */
  public static final int DEFAULT_BUCKETS = 16;

  private final int buckets;

  private SeriesBuckets(int buckets) {
    if (buckets < 1) {
      throw new IllegalArgumentException("buckets must be at least 1, not " + buckets);
    }
    this.buckets = buckets;
  }

  public static <K, V> SeriesBuckets<K, V> of(int buckets) {
    return new SeriesBuckets<>(buckets);
  }

  @Override
  public PCollection<KV<Integer, KV<K, V>>> expand(PCollection<KV<K, V>> input) {
    KvCoder<K, V> coder = (KvCoder<K, V>) input.getCoder();
    return input
        .apply("Bucket of the series", ParDo.of(new BucketFn<K, V>(coder.getKeyCoder(), buckets)))
        .setCoder(KvCoder.of(VarIntCoder.of(), coder));
  }

  static class BucketFn<K, V> extends DoFn<KV<K, V>, KV<Integer, KV<K, V>>> {
    private static final long serialVersionUID = 1L;
    private final Coder<K> keyCoder;
    private final int buckets;

    BucketFn(Coder<K> keyCoder, int buckets) {
      this.keyCoder = keyCoder;
      this.buckets = buckets;
    }

    @ProcessElement
    public void processElement(@Element KV<K, V> element, OutputReceiver<KV<Integer, KV<K, V>>> out)
        throws CoderException {
      int hash = Arrays.hashCode(CoderUtils.encodeToByteArray(keyCoder, element.getKey()));
      out.output(KV.of(Math.floorMod(hash, buckets), element));
    }
  }
}
