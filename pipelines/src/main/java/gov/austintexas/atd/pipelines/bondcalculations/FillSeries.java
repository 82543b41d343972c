package gov.austintexas.atd.pipelines.bondcalculations;

import gov.austintexas.atd.transforms.totals.FillMissingDates;
import gov.austintexas.atd.transforms.totals.LocalDateCoder;
import java.time.LocalDate;
import java.util.List;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.ListCoder;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.FlatMapElements;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.SerializableFunction;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.TypeDescriptor;

/**
 * The fill of an expense table: its rows plus a zero row for every (series, date) that has none,
 * where the series are those {@code everySeries} makes of the table's {@link Dimensions} and the
 * dates are all of the table's dates. The two tables differ only in what a series is (the 2020
 * bond's is a group key and fiscal year, the all-bonds' a group key) and in what a zero row holds.
 */
final class FillSeries<R extends ExpenseRow, K> extends PTransform<PCollection<R>, PCollection<R>> {
  private static final long serialVersionUID = 1L;
  private final Dimensions.Fn<R> dimensions;
  private final SerializableFunction<Dimensions, List<K>> everySeries;
  private final SerializableFunction<R, K> seriesOf;
  private final SerializableFunction<KV<K, LocalDate>, R> zeroRow;
  private final Coder<K> seriesCoder;
  private final Coder<R> rowCoder;

  FillSeries(
      Dimensions.Fn<R> dimensions,
      SerializableFunction<Dimensions, List<K>> everySeries,
      SerializableFunction<R, K> seriesOf,
      SerializableFunction<KV<K, LocalDate>, R> zeroRow,
      Coder<K> seriesCoder,
      Coder<R> rowCoder) {
    this.dimensions = dimensions;
    this.everySeries = everySeries;
    this.seriesOf = seriesOf;
    this.zeroRow = zeroRow;
    this.seriesCoder = seriesCoder;
    this.rowCoder = rowCoder;
  }

  @Override
  public PCollection<R> expand(PCollection<R> rows) {
    PCollection<Dimensions> gathered =
        rows.apply("Dates, fiscal years and group keys", Combine.globally(dimensions));
    PCollectionView<List<LocalDate>> dates =
        gathered
            .apply(
                "Dates",
                MapElements.into(new TypeDescriptor<List<LocalDate>>() {}).via(Dimensions::dates))
            .setCoder(ListCoder.of(LocalDateCoder.of()))
            .apply("Dates view", View.asSingleton());
    PCollection<K> allSeries =
        gathered
            .apply(
                "Every series", FlatMapElements.into(new TypeDescriptor<K>() {}).via(everySeries))
            .setCoder(seriesCoder);
    SerializableFunction<R, K> series = seriesOf;
    PCollection<R> fills =
        rows.apply(
                "Dated series",
                MapElements.into(new TypeDescriptor<KV<K, LocalDate>>() {})
                    .via(row -> KV.of(series.apply(row), row.date())))
            .setCoder(KvCoder.of(seriesCoder, LocalDateCoder.of()))
            .apply("Missing dates", FillMissingDates.of(allSeries, dates))
            .apply("Fill rows", MapElements.into(new TypeDescriptor<R>() {}).via(zeroRow))
            .setCoder(rowCoder);
    return PCollectionList.of(rows).and(fills).apply("Rows and fills", Flatten.pCollections());
  }
}
