package gov.austintexas.atd.transforms.totals;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CoderRegistry;
import org.apache.beam.sdk.coders.ListCoder;
import org.apache.beam.sdk.coders.SetCoder;
import org.apache.beam.sdk.transforms.Combine.CombineFn;

/**
 * The distinct values of a collection as one sorted list. For the few distinct values of a large
 * collection (the dates or groups of a million rows) this is one small accumulator per worker,
 * where {@code Distinct} would make a group per value.
 */
public class DistinctValuesFn<T extends Comparable<? super T>>
    extends CombineFn<T, Set<T>, List<T>> {
  private static final long serialVersionUID = 1L;

  public static <T extends Comparable<? super T>> DistinctValuesFn<T> create() {
    return new DistinctValuesFn<>();
  }

  @Override
  public Set<T> createAccumulator() {
    return new HashSet<>();
  }

  @Override
  public Set<T> addInput(Set<T> values, T value) {
    values.add(value);
    return values;
  }

  @Override
  public Set<T> mergeAccumulators(Iterable<Set<T>> accumulators) {
    Set<T> merged = new HashSet<>();
    accumulators.forEach(merged::addAll);
    return merged;
  }

  @Override
  public List<T> extractOutput(Set<T> values) {
    List<T> sorted = new ArrayList<>(values);
    sorted.sort(null);
    return sorted;
  }

  @Override
  public Coder<Set<T>> getAccumulatorCoder(CoderRegistry registry, Coder<T> inputCoder) {
    return SetCoder.of(inputCoder);
  }

  @Override
  public Coder<List<T>> getDefaultOutputCoder(CoderRegistry registry, Coder<T> inputCoder) {
    return ListCoder.of(inputCoder);
  }
}
