package gov.austintexas.atd.pipelines.bondcalculations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import gov.austintexas.atd.transforms.totals.RunningTotalsFn;
import gov.austintexas.atd.transforms.totals.SeriesPoint;
import gov.austintexas.atd.transforms.totals.Totalled;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.SerializableFunction;
import org.apache.beam.sdk.transforms.WithKeys;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;
import org.apache.beam.sdk.values.TypeDescriptors;

/**
 * The fill and the running totals of an expense table in one grouping: the raw rows are grouped in
 * buckets of their group key, and each bucket fills its series (every series that {@code
 * everySeries} makes of the bucket's group keys and the table's fiscal years, on every date of the
 * table, as {@link FillSeries} does) and totals them in memory ({@link RunningTotalsFn#totals}).
 *
 * <p>The same rows as {@link FillSeries} followed by {@code RunningTotals}, but the fill rows never
 * travel between steps: on the DirectRunner each of those was an element through several steps and
 * two groupings, and fill rows are most of a dataset (nine in ten at 20,000 rows). A series is one
 * group key's, so a bucket holds whole series.
 *
 * <p>Outputs: {@link #rows()}, every dataset row; {@link #beforeLatest()}, the rows of series whose
 * fiscal year is below the table's latest (when a fiscal year is given); {@link #fills()}, the
 * first fill row of each series in each month (when asked for), for the summary tables: there a
 * zero amount's label depends only on the series and the month ({@link TableCol#forExpense}), and
 * adding zero again changes no sum, so one a month gives the same tables as every fill row (at
 * 1,000,000 rows, 0.6 million elements instead of 13 million).
 */
final class FillAndTotal<R extends ExpenseRow, K>
    extends PTransform<PCollection<R>, PCollectionTuple> {
  private static final long serialVersionUID = 1L;

  /** A bucket per group key hash; enough to spread over a cluster, few for the DirectRunner. */
  static final int BUCKETS = 16;

  private final TupleTag<String> rows = new TupleTag<>("rows");
  private final TupleTag<String> beforeLatest = new TupleTag<>("before latest");
  private final TupleTag<R> fills = new TupleTag<>("fills");
  private final Dimensions.Fn<R> dimensions;
  private final SerializableFunction<Dimensions, List<K>> everySeries;
  private final SerializableFunction<R, K> seriesOf;
  private final SerializableFunction<KV<K, LocalDate>, R> zeroRow;
  private final SerializableFunction<R, ObjectNode> columns;
  private final SerializableFunction<K, Integer> fiscalYearOf; // null: no beforeLatest rows
  private final boolean keepFills;
  private final Coder<R> rowCoder;

  FillAndTotal(
      Dimensions.Fn<R> dimensions,
      SerializableFunction<Dimensions, List<K>> everySeries,
      SerializableFunction<R, K> seriesOf,
      SerializableFunction<KV<K, LocalDate>, R> zeroRow,
      SerializableFunction<R, ObjectNode> columns,
      SerializableFunction<K, Integer> fiscalYearOf,
      boolean keepFills,
      Coder<R> rowCoder) {
    this.dimensions = dimensions;
    this.everySeries = everySeries;
    this.seriesOf = seriesOf;
    this.zeroRow = zeroRow;
    this.columns = columns;
    this.fiscalYearOf = fiscalYearOf;
    this.keepFills = keepFills;
    this.rowCoder = rowCoder;
  }

  TupleTag<String> rows() {
    return rows;
  }

  TupleTag<String> beforeLatest() {
    return beforeLatest;
  }

  TupleTag<R> fills() {
    return fills;
  }

  @Override
  public PCollectionTuple expand(PCollection<R> input) {
    PCollectionView<Dimensions> table =
        input.apply(
            "Dates, fiscal years and group keys", Combine.globally(dimensions).asSingletonView());
    PCollectionTuple output =
        input
            .apply(
                "Bucket of the group key",
                WithKeys.of((R row) -> bucket(row.aimsDeptProgAct()))
                    .withKeyType(TypeDescriptors.integers()))
            .setCoder(KvCoder.of(VarIntCoder.of(), rowCoder))
            .apply("Rows per bucket", GroupByKey.create())
            .apply(
                "Fill and total each series",
                ParDo.of(
                        new BucketFn<>(
                            table,
                            everySeries,
                            seriesOf,
                            zeroRow,
                            columns,
                            fiscalYearOf,
                            keepFills ? fills : null,
                            beforeLatest))
                    .withSideInputs(table)
                    .withOutputTags(rows, TupleTagList.of(beforeLatest).and(fills)));
    output.get(rows).setCoder(StringUtf8Coder.of());
    output.get(beforeLatest).setCoder(StringUtf8Coder.of());
    output.get(fills).setCoder(rowCoder);
    return output;
  }

  /** String's hash is fixed by the language, so the bucket is the same on every worker. */
  static int bucket(String groupKey) {
    return Math.floorMod(groupKey.hashCode(), BUCKETS);
  }

  static class BucketFn<R extends ExpenseRow, K> extends DoFn<KV<Integer, Iterable<R>>, String> {
    private static final long serialVersionUID = 1L;
    private final PCollectionView<Dimensions> table;
    private final SerializableFunction<Dimensions, List<K>> everySeries;
    private final SerializableFunction<R, K> seriesOf;
    private final SerializableFunction<KV<K, LocalDate>, R> zeroRow;
    private final SerializableFunction<R, ObjectNode> columns;
    private final SerializableFunction<K, Integer> fiscalYearOf;
    private final TupleTag<R> fills; // null: not kept
    private final TupleTag<String> beforeLatest;

    BucketFn(
        PCollectionView<Dimensions> table,
        SerializableFunction<Dimensions, List<K>> everySeries,
        SerializableFunction<R, K> seriesOf,
        SerializableFunction<KV<K, LocalDate>, R> zeroRow,
        SerializableFunction<R, ObjectNode> columns,
        SerializableFunction<K, Integer> fiscalYearOf,
        TupleTag<R> fills,
        TupleTag<String> beforeLatest) {
      this.table = table;
      this.everySeries = everySeries;
      this.seriesOf = seriesOf;
      this.zeroRow = zeroRow;
      this.columns = columns;
      this.fiscalYearOf = fiscalYearOf;
      this.fills = fills;
      this.beforeLatest = beforeLatest;
    }

    @ProcessElement
    public void processElement(ProcessContext context) {
      Dimensions all = context.sideInput(table);
      Map<K, List<R>> bySeries = new HashMap<>();
      Set<String> groupKeys = new TreeSet<>();
      for (R row : context.element().getValue()) {
        bySeries.computeIfAbsent(seriesOf.apply(row), key -> new ArrayList<>()).add(row);
        groupKeys.add(row.aimsDeptProgAct());
      }
      Integer latest =
          all.fiscalYears().isEmpty() ? null : all.fiscalYears().get(all.fiscalYears().size() - 1);
      Dimensions bucket =
          new Dimensions(all.dates(), all.fiscalYears(), new ArrayList<>(groupKeys));
      for (K series : everySeries.apply(bucket)) {
        List<R> present = bySeries.getOrDefault(series, List.of());
        List<SeriesPoint<String>> points = new ArrayList<>(all.dates().size());
        Set<LocalDate> seen = new HashSet<>();
        for (R row : present) {
          seen.add(row.date());
          points.add(row.seriesPoint(columns.apply(row)));
        }
        Set<YearMonth> filledMonths = new HashSet<>();
        for (LocalDate date : all.dates()) {
          if (!seen.contains(date)) {
            R fill = zeroRow.apply(KV.of(series, date));
            points.add(fill.seriesPoint(columns.apply(fill)));
            if (fills != null && filledMonths.add(YearMonth.from(date))) {
              context.output(fills, fill);
            }
          }
        }
        boolean before = fiscalYearOf != null && fiscalYearOf.apply(series) < latest;
        for (Totalled<String> totalled : RunningTotalsFn.totals(points)) {
          String row = ExpenseRow.withTotals(totalled);
          context.output(row);
          if (before) {
            context.output(beforeLatest, row);
          }
        }
      }
    }
  }
}
