package gov.austintexas.atd.pipelines.bondcalculations;

import java.io.Serializable;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CoderRegistry;
import org.apache.beam.sdk.coders.DefaultCoder;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.transforms.Combine.CombineFn;
import org.apache.beam.sdk.transforms.SerializableFunction;

/**
 * The distinct dates, fiscal years and group keys of a set of expense rows (D, F and G of the fill,
 * F × D × G), each sorted, gathered in one pass with one Combine.
 */
@DefaultCoder(SerializableCoder.class)
record Dimensions(List<LocalDate> dates, List<Integer> fiscalYears, List<String> groupKeys)
    implements Serializable {

  static <T> Fn<T> of(
      SerializableFunction<T, LocalDate> date,
      SerializableFunction<T, Integer> fiscalYear,
      SerializableFunction<T, String> groupKey) {
    return new Fn<>(date, fiscalYear, groupKey);
  }

  /** The sets being gathered; a {@code null} fiscal year (rows that have none) is not one. */
  static final class Sets implements Serializable {
    private static final long serialVersionUID = 1L;
    final HashSet<LocalDate> dates = new HashSet<>();
    final HashSet<Integer> fiscalYears = new HashSet<>();
    final HashSet<String> groupKeys = new HashSet<>();
  }

  static class Fn<T> extends CombineFn<T, Sets, Dimensions> {
    private static final long serialVersionUID = 1L;
    private final SerializableFunction<T, LocalDate> date;
    private final SerializableFunction<T, Integer> fiscalYear;
    private final SerializableFunction<T, String> groupKey;

    Fn(
        SerializableFunction<T, LocalDate> date,
        SerializableFunction<T, Integer> fiscalYear,
        SerializableFunction<T, String> groupKey) {
      this.date = date;
      this.fiscalYear = fiscalYear;
      this.groupKey = groupKey;
    }

    @Override
    public Sets createAccumulator() {
      return new Sets();
    }

    @Override
    public Sets addInput(Sets sets, T row) {
      sets.dates.add(date.apply(row));
      Integer year = fiscalYear.apply(row);
      if (year != null) {
        sets.fiscalYears.add(year);
      }
      sets.groupKeys.add(groupKey.apply(row));
      return sets;
    }

    @Override
    public Sets mergeAccumulators(Iterable<Sets> accumulators) {
      Sets merged = new Sets();
      for (Sets sets : accumulators) {
        merged.dates.addAll(sets.dates);
        merged.fiscalYears.addAll(sets.fiscalYears);
        merged.groupKeys.addAll(sets.groupKeys);
      }
      return merged;
    }

    @Override
    public Dimensions extractOutput(Sets sets) {
      return new Dimensions(sorted(sets.dates), sorted(sets.fiscalYears), sorted(sets.groupKeys));
    }

    @Override
    public Coder<Sets> getAccumulatorCoder(CoderRegistry registry, Coder<T> inputCoder) {
      return SerializableCoder.of(Sets.class);
    }
  }

  private static <T extends Comparable<? super T>> List<T> sorted(Collection<T> values) {
    List<T> list = new ArrayList<>(values);
    list.sort(null);
    return list;
  }
}
