package gov.austintexas.atd.transforms.totals;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.coders.CannotProvideCoderException;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CoderRegistry;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.ListCoder;
import org.apache.beam.sdk.coders.MapCoder;
import org.apache.beam.sdk.transforms.Combine.CombineFn;
import org.apache.beam.sdk.values.KV;

/**
 * {@link RunningTotalsFn} for all the series of one bucket: the accumulator maps each series key to
 * its points, merging maps merges series, and each series is totalled on its own. Series keys are
 * compared with {@code equals}, so they need value equality (strings, numbers, KVs of them).
 */
class SeriesTotalsFn<K, T>
    extends CombineFn<
        KV<K, SeriesPoint<T>>, Map<K, List<SeriesPoint<T>>>, List<KV<K, Totalled<T>>>> {
  private static final long serialVersionUID = 1L;

  @Override
  public Map<K, List<SeriesPoint<T>>> createAccumulator() {
    return new HashMap<>();
  }

  @Override
  public Map<K, List<SeriesPoint<T>>> addInput(
      Map<K, List<SeriesPoint<T>>> series, KV<K, SeriesPoint<T>> point) {
    series.computeIfAbsent(point.getKey(), key -> new ArrayList<>()).add(point.getValue());
    return series;
  }

  @Override
  public Map<K, List<SeriesPoint<T>>> mergeAccumulators(
      Iterable<Map<K, List<SeriesPoint<T>>>> accumulators) {
    Map<K, List<SeriesPoint<T>>> merged = new HashMap<>();
    for (Map<K, List<SeriesPoint<T>>> series : accumulators) {
      series.forEach(
          (key, points) -> merged.computeIfAbsent(key, k -> new ArrayList<>()).addAll(points));
    }
    return merged;
  }

  @Override
  public List<KV<K, Totalled<T>>> extractOutput(Map<K, List<SeriesPoint<T>>> series) {
    List<KV<K, Totalled<T>>> totalled = new ArrayList<>();
    series.forEach(
        (key, points) ->
            RunningTotalsFn.totals(points).forEach(point -> totalled.add(KV.of(key, point))));
    return totalled;
  }

  @Override
  public Coder<Map<K, List<SeriesPoint<T>>>> getAccumulatorCoder(
      CoderRegistry registry, Coder<KV<K, SeriesPoint<T>>> inputCoder) {
    KvCoder<K, SeriesPoint<T>> kv = (KvCoder<K, SeriesPoint<T>>) inputCoder;
    return MapCoder.of(kv.getKeyCoder(), ListCoder.of(kv.getValueCoder()));
  }

  @Override
  public Coder<List<KV<K, Totalled<T>>>> getDefaultOutputCoder(
      CoderRegistry registry, Coder<KV<K, SeriesPoint<T>>> inputCoder)
      throws CannotProvideCoderException {
    KvCoder<K, SeriesPoint<T>> kv = (KvCoder<K, SeriesPoint<T>>) inputCoder;
    if (!(kv.getValueCoder() instanceof SeriesPointCoder<T> points)) {
      throw new CannotProvideCoderException(
          "SeriesTotalsFn needs its points encoded with SeriesPointCoder");
    }
    return ListCoder.of(KvCoder.of(kv.getKeyCoder(), TotalledCoder.of(points.valueCoder())));
  }
}
