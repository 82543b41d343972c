package gov.austintexas.atd.transforms.totals;

import java.util.List;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;

/**
 * Running totals per key: each key is one series, and each of its points comes out once with the
 * totals of the series up to and including it (see {@link RunningTotalsFn}).
 *
 * <p>The totals are a Combine whose result does not depend on how a runner splits a series. Series
 * are combined in {@link SeriesBuckets} (16 by default), not one group per key, so thousands of
 * small series cost a few groups. A series is held whole by one worker when it is totalled, so a
 * series should fit in memory (thousands of dates, not millions).
 *
 * <p>The input's coder must be a {@code KvCoder} whose value coder is a {@link SeriesPointCoder},
 * and keys need value equality.
 */
public class RunningTotals<K, T>
    extends PTransform<PCollection<KV<K, SeriesPoint<T>>>, PCollection<KV<K, Totalled<T>>>> {
  private static final long serialVersionUID = 1L;
  private final int buckets;

  private RunningTotals(int buckets) {
    this.buckets = buckets;
  }

  public static <K, T> RunningTotals<K, T> perKey() {
    return new RunningTotals<>(SeriesBuckets.DEFAULT_BUCKETS);
  }

  /** Combines the series in this many groups (more for a larger cluster). */
  public RunningTotals<K, T> withBuckets(int buckets) {
    return new RunningTotals<>(buckets);
  }

  @Override
  public PCollection<KV<K, Totalled<T>>> expand(PCollection<KV<K, SeriesPoint<T>>> points) {
    KvCoder<K, SeriesPoint<T>> coder = (KvCoder<K, SeriesPoint<T>>) points.getCoder();
    if (!(coder.getValueCoder() instanceof SeriesPointCoder<T> pointCoder)) {
      throw new IllegalArgumentException(
          "RunningTotals needs points encoded with SeriesPointCoder");
    }
    Coder<Totalled<T>> totalledCoder = TotalledCoder.of(pointCoder.valueCoder());
    return points
        .apply("Series buckets", SeriesBuckets.of(buckets))
        .apply("Total each series", Combine.perKey(new SeriesTotalsFn<K, T>()))
        .apply("One per point", ParDo.of(new EachPointFn<K, T>()))
        .setCoder(KvCoder.of(coder.getKeyCoder(), totalledCoder));
  }

  static class EachPointFn<K, T>
      extends DoFn<KV<Integer, List<KV<K, Totalled<T>>>>, KV<K, Totalled<T>>> {
    private static final long serialVersionUID = 1L;

    @ProcessElement
    public void processElement(
        @Element KV<Integer, List<KV<K, Totalled<T>>>> bucket,
        OutputReceiver<KV<K, Totalled<T>>> out) {
      bucket.getValue().forEach(out::output);
    }
  }
}
