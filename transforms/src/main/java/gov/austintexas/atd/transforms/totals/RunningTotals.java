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
 * <p>The input's coder must be a {@code KvCoder} whose value coder is a {@link SeriesPointCoder}.
 * A series is held whole by one worker when its totals are extracted, so keys should be series of
 * a size that fits in memory (thousands of dates, not millions).
 */
public class RunningTotals<K, T>
    extends PTransform<PCollection<KV<K, SeriesPoint<T>>>, PCollection<KV<K, Totalled<T>>>> {
  private static final long serialVersionUID = 1L;

  public static <K, T> RunningTotals<K, T> perKey() {
    return new RunningTotals<>();
  }

  @Override
  public PCollection<KV<K, Totalled<T>>> expand(PCollection<KV<K, SeriesPoint<T>>> points) {
    KvCoder<K, SeriesPoint<T>> coder = (KvCoder<K, SeriesPoint<T>>) points.getCoder();
    if (!(coder.getValueCoder() instanceof SeriesPointCoder<T> pointCoder)) {
      throw new IllegalArgumentException("RunningTotals needs points encoded with SeriesPointCoder");
    }
    Coder<Totalled<T>> totalledCoder = TotalledCoder.of(pointCoder.valueCoder());
    return points
        .apply("Total each series", Combine.perKey(new RunningTotalsFn<T>()))
        .apply("One per point", ParDo.of(new EachPointFn<K, T>()))
        .setCoder(KvCoder.of(coder.getKeyCoder(), totalledCoder));
  }

  static class EachPointFn<K, T> extends DoFn<KV<K, List<Totalled<T>>>, KV<K, Totalled<T>>> {
    private static final long serialVersionUID = 1L;

    @ProcessElement
    public void processElement(@Element KV<K, List<Totalled<T>>> series, OutputReceiver<KV<K, Totalled<T>>> out) {
      for (Totalled<T> point : series.getValue()) {
        out.output(KV.of(series.getKey(), point));
      }
    }
  }
}
