package gov.austintexas.atd.transforms.totals;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CoderRegistry;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.MapCoder;
import org.apache.beam.sdk.coders.NullableCoder;
import org.apache.beam.sdk.coders.SetCoder;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.Combine.CombineFn;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.TypeDescriptor;

/**
 * The gaps of a set of series: given the (series, date) pairs that have a value, every series that
 * should exist and every date, outputs each (series, date) pair that has no value, so a caller can
 * fill it (e.g. with a zero row) and every series has a value on every date.
 *
 * <p>The dates seen per series are gathered with a Combine over {@link SeriesBuckets} (sets merge
 * in any order); a series with no value at all is still filled, because every expected series joins
 * the grouping with no date of its own.
 */
public class FillMissingDates<K>
    extends PTransform<PCollection<KV<K, LocalDate>>, PCollection<KV<K, LocalDate>>> {
  private static final long serialVersionUID = 1L;
  private final transient PCollection<K> allSeries;
  private final PCollectionView<List<LocalDate>> allDates;

  private FillMissingDates(PCollection<K> allSeries, PCollectionView<List<LocalDate>> allDates) {
    this.allSeries = allSeries;
    this.allDates = allDates;
  }

  /** Gaps against every series of {@code allSeries} on every date of {@code allDates}. */
  public static <K> FillMissingDates<K> of(
      PCollection<K> allSeries, PCollectionView<List<LocalDate>> allDates) {
    return new FillMissingDates<>(allSeries, allDates);
  }

  @Override
  public PCollection<KV<K, LocalDate>> expand(PCollection<KV<K, LocalDate>> present) {
    Coder<K> keyCoder = ((KvCoder<K, LocalDate>) present.getCoder()).getKeyCoder();
    KvCoder<K, LocalDate> maybeDated = KvCoder.of(keyCoder, NullableCoder.of(LocalDateCoder.of()));
    PCollection<KV<K, LocalDate>> everySeries =
        allSeries
            .apply(
                "Every series, no date",
                MapElements.into(new TypeDescriptor<KV<K, LocalDate>>() {})
                    .via(series -> KV.of(series, null)))
            .setCoder(maybeDated);
    PCollection<KV<K, LocalDate>> seen =
        present
            .apply(
                "Dates of each series",
                MapElements.into(new TypeDescriptor<KV<K, LocalDate>>() {}).via(dated -> dated))
            .setCoder(maybeDated);
    return PCollectionList.of(seen)
        .and(everySeries)
        .apply("With every series", Flatten.pCollections())
        .apply("Series buckets", SeriesBuckets.of(SeriesBuckets.DEFAULT_BUCKETS))
        .apply("Dates seen per series", Combine.perKey(new DatesSeenFn<K>()))
        .apply("Dates not seen", ParDo.of(new MissingDatesFn<K>(allDates)).withSideInputs(allDates))
        .setCoder(KvCoder.of(keyCoder, LocalDateCoder.of()));
  }

  /**
   * The set of dates of each series of a bucket; a {@code null} date only makes the series exist.
   */
  static class DatesSeenFn<K>
      extends CombineFn<KV<K, LocalDate>, Map<K, Set<LocalDate>>, Map<K, Set<LocalDate>>> {
    private static final long serialVersionUID = 1L;

    @Override
    public Map<K, Set<LocalDate>> createAccumulator() {
      return new HashMap<>();
    }

    @Override
    public Map<K, Set<LocalDate>> addInput(Map<K, Set<LocalDate>> seen, KV<K, LocalDate> dated) {
      Set<LocalDate> dates = seen.computeIfAbsent(dated.getKey(), key -> new HashSet<>());
      if (dated.getValue() != null) {
        dates.add(dated.getValue());
      }
      return seen;
    }

    @Override
    public Map<K, Set<LocalDate>> mergeAccumulators(Iterable<Map<K, Set<LocalDate>>> accumulators) {
      Map<K, Set<LocalDate>> merged = new HashMap<>();
      for (Map<K, Set<LocalDate>> seen : accumulators) {
        seen.forEach(
            (key, dates) -> merged.computeIfAbsent(key, k -> new HashSet<>()).addAll(dates));
      }
      return merged;
    }

    @Override
    public Map<K, Set<LocalDate>> extractOutput(Map<K, Set<LocalDate>> seen) {
      return seen;
    }

    @Override
    public Coder<Map<K, Set<LocalDate>>> getAccumulatorCoder(
        CoderRegistry registry, Coder<KV<K, LocalDate>> inputCoder) {
      return MapCoder.of(
          ((KvCoder<K, LocalDate>) inputCoder).getKeyCoder(), SetCoder.of(LocalDateCoder.of()));
    }

    @Override
    public Coder<Map<K, Set<LocalDate>>> getDefaultOutputCoder(
        CoderRegistry registry, Coder<KV<K, LocalDate>> inputCoder) {
      return getAccumulatorCoder(registry, inputCoder);
    }
  }

  static class MissingDatesFn<K>
      extends DoFn<KV<Integer, Map<K, Set<LocalDate>>>, KV<K, LocalDate>> {
    private static final long serialVersionUID = 1L;
    private final PCollectionView<List<LocalDate>> allDates;

    MissingDatesFn(PCollectionView<List<LocalDate>> allDates) {
      this.allDates = allDates;
    }

    @ProcessElement
    public void processElement(ProcessContext context) {
      List<LocalDate> dates = context.sideInput(allDates);
      context
          .element()
          .getValue()
          .forEach(
              (series, seen) -> {
                for (LocalDate date : dates) {
                  if (!seen.contains(date)) {
                    context.output(KV.of(series, date));
                  }
                }
              });
    }
  }
}
