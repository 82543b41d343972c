package gov.austintexas.atd.pipelines.bondcalculations;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.databind.node.ObjectNode;
import gov.austintexas.atd.transforms.io.StagedJsonArrayFile;
import gov.austintexas.atd.transforms.packing.BucketBatchFn;
import gov.austintexas.atd.transforms.packing.JoinPacking;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.beam.sdk.coders.ByteArrayCoder;
import org.apache.beam.sdk.coders.CannotProvideCoderException;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CoderRegistry;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.Combine.CombineFn;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.SerializableFunction;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;
import org.apache.beam.sdk.values.TypeDescriptor;

/**
 * The fill and the running totals of an expense table in one grouping: the raw rows, packed in
 * batches per bucket of their group key ({@link #packing(Coder)}: from their read, or by {@link
 * #packing()}), are grouped by bucket, and each bucket fills its series (every series that {@code
 * everySeries} makes of the bucket's group keys and the table's fiscal years, on every date of the
 * table, as {@link FillSeries} does) and totals them in memory ({@link FilledSeriesWriter}).
 *
 * <p>The same rows as {@link FillSeries} followed by {@code RunningTotals}, but the fill rows never
 * travel between steps: they are most of a dataset (nine in ten at 20,000 rows, 26 million rows at
 * 1,000,000), and on the DirectRunner each would be an element held in its bucket's bundle. A
 * series is one group key's, so a bucket holds whole series.
 *
 * <p>Where the rows go: with {@link #writingTo} each bucket writes them into the files' staging
 * parts as it makes them, and outputs only the parts ({@link #rowParts()}, {@link
 * #beforeLatestParts()}); they are elements as well ({@link #rows()}, {@link #beforeLatest()})
 * unless {@link #withoutRowElements()}. {@link #beforeLatest()} holds the rows of series whose
 * fiscal year is below the table's latest (when a fiscal year is given). {@link #fills()} has the
 * first fill row of each series in each month (when asked for), for the summary tables: there a
 * zero amount's label depends only on the series and the month ({@link TableCol#forExpense}), and
 * adding zero again changes no sum, so one a month gives the same tables as every fill row (at
 * 1,000,000 rows, 0.6 million elements instead of 13 million).
 */
final class FillAndTotal<R extends ExpenseRow, K>
    extends PTransform<PCollection<KV<Integer, byte[]>>, PCollectionTuple> {
  private static final long serialVersionUID = 1L;

  /** A bucket per group key hash; enough to spread over a cluster, few for the DirectRunner. */
  static final int BUCKETS = 16;

  private final TupleTag<String> rows = new TupleTag<>("rows");
  private final TupleTag<String> beforeLatest = new TupleTag<>("before latest");
  private final TupleTag<KV<String, Long>> rowParts = new TupleTag<>("rows' parts");
  private final TupleTag<KV<String, Long>> beforeLatestParts =
      new TupleTag<>("before latest parts");
  private final TupleTag<R> fills = new TupleTag<>("fills");
  private final TupleTag<R> ownRows = new TupleTag<>("own rows");
  private final Dimensions.Fn<R> dimensions;
  private final SerializableFunction<Dimensions, List<K>> everySeries;
  private final SerializableFunction<R, K> seriesOf;
  private final SerializableFunction<KV<K, LocalDate>, R> zeroRow;
  private final SerializableFunction<R, ObjectNode> columns;
  private final SerializableFunction<K, Integer> fiscalYearOf; // null: no beforeLatest rows
  private final boolean keepFills;
  private final Coder<R> rowCoder;
  private final StagedJsonArrayFile rowsFile; // null: rows only as elements
  private final StagedJsonArrayFile beforeLatestFile; // null: rows only as elements
  private final boolean rowElements;

  FillAndTotal(
      Dimensions.Fn<R> dimensions,
      SerializableFunction<Dimensions, List<K>> everySeries,
      SerializableFunction<R, K> seriesOf,
      SerializableFunction<KV<K, LocalDate>, R> zeroRow,
      SerializableFunction<R, ObjectNode> columns,
      SerializableFunction<K, Integer> fiscalYearOf,
      boolean keepFills,
      Coder<R> rowCoder) {
    this(
        dimensions,
        everySeries,
        seriesOf,
        zeroRow,
        columns,
        fiscalYearOf,
        keepFills,
        rowCoder,
        null,
        null,
        true);
  }

  private FillAndTotal(
      Dimensions.Fn<R> dimensions,
      SerializableFunction<Dimensions, List<K>> everySeries,
      SerializableFunction<R, K> seriesOf,
      SerializableFunction<KV<K, LocalDate>, R> zeroRow,
      SerializableFunction<R, ObjectNode> columns,
      SerializableFunction<K, Integer> fiscalYearOf,
      boolean keepFills,
      Coder<R> rowCoder,
      StagedJsonArrayFile rowsFile,
      StagedJsonArrayFile beforeLatestFile,
      boolean rowElements) {
    this.dimensions = dimensions;
    this.everySeries = everySeries;
    this.seriesOf = seriesOf;
    this.zeroRow = zeroRow;
    this.columns = columns;
    this.fiscalYearOf = fiscalYearOf;
    this.keepFills = keepFills;
    this.rowCoder = rowCoder;
    this.rowsFile = rowsFile;
    this.beforeLatestFile = beforeLatestFile;
    this.rowElements = rowElements;
  }

  /**
   * Each bucket also writes its rows into {@code rowsFile}'s parts, and its {@link #beforeLatest()}
   * rows into {@code beforeLatestFile}'s (either may be null: not written).
   */
  FillAndTotal<R, K> writingTo(StagedJsonArrayFile rowsFile, StagedJsonArrayFile beforeLatestFile) {
    return withDestinations(rowsFile, beforeLatestFile, rowElements);
  }

  /** The rows go only into the files' parts ({@link #writingTo}): {@link #rows()} stays empty. */
  FillAndTotal<R, K> withoutRowElements() {
    return withDestinations(rowsFile, beforeLatestFile, false);
  }

  private FillAndTotal<R, K> withDestinations(
      StagedJsonArrayFile rowsFile, StagedJsonArrayFile beforeLatestFile, boolean rowElements) {
    return new FillAndTotal<>(
        dimensions,
        everySeries,
        seriesOf,
        zeroRow,
        columns,
        fiscalYearOf,
        keepFills,
        rowCoder,
        rowsFile,
        beforeLatestFile,
        rowElements);
  }

  TupleTag<String> rows() {
    return rows;
  }

  TupleTag<String> beforeLatest() {
    return beforeLatest;
  }

  /** {@code KV(part path, rows)} of the parts written into the rows' file. */
  TupleTag<KV<String, Long>> rowParts() {
    return rowParts;
  }

  /** {@code KV(part path, rows)} of the parts written into the before-latest file. */
  TupleTag<KV<String, Long>> beforeLatestParts() {
    return beforeLatestParts;
  }

  TupleTag<R> fills() {
    return fills;
  }

  /**
   * The input rows again, when {@link #fills()} are asked for, as each bucket's output: after the
   * grouping they come in a bundle per bucket, not in the one bundle of a table's read.
   */
  TupleTag<R> ownRows() {
    return ownRows;
  }

  @Override
  public PCollectionTuple expand(PCollection<KV<Integer, byte[]>> packed) {
    PCollectionView<Dimensions> table =
        packed.apply(
            "Dates, fiscal years and group keys",
            Combine.globally(new UnpackingFn<>(rowCoder, dimensions)).asSingletonView());
    PCollectionTuple output =
        packed
            .apply("Rows per bucket", GroupByKey.create())
            .apply(
                "Fill and total each series",
                ParDo.of(new BucketFn<>(this, table))
                    .withSideInputs(table)
                    .withOutputTags(
                        rows,
                        TupleTagList.of(beforeLatest)
                            .and(rowParts)
                            .and(beforeLatestParts)
                            .and(fills)
                            .and(ownRows)));
    output.get(rows).setCoder(StringUtf8Coder.of());
    output.get(beforeLatest).setCoder(StringUtf8Coder.of());
    output.get(rowParts).setCoder(PARTS);
    output.get(beforeLatestParts).setCoder(PARTS);
    output.get(fills).setCoder(rowCoder);
    output.get(ownRows).setCoder(rowCoder);
    return output;
  }

  private static final KvCoder<String, Long> PARTS =
      KvCoder.of(StringUtf8Coder.of(), VarLongCoder.of());

  /**
   * How the raw rows are packed for the grouping: keyed by group key, encoded into batches per
   * bucket ({@link JoinPacking}). The DirectRunner holds a step's whole output and copies a group's
   * values through their coder when it hands them on; a million rows as objects were gigabytes of
   * heap and most of a run's collections, as a few hundred batches they are not. The rows are
   * decoded in the step that fills them.
   */
  static <R extends ExpenseRow> JoinPacking<R> packing(Coder<R> rowCoder) {
    return JoinPacking.of(KvCoder.of(StringUtf8Coder.of(), rowCoder), BUCKETS);
  }

  /** A row as a record of its packing: keyed by its group key. */
  static <R extends ExpenseRow> KV<String, R> keyed(R row) {
    return KV.of(row.aimsDeptProgAct(), row);
  }

  /**
   * Packs element rows ({@link #packing(Coder)}), for rows that do not come packed from their read:
   * {@code rows.apply(fill.packing()).apply(fill)}.
   */
  PTransform<PCollection<R>, PCollection<KV<Integer, byte[]>>> packing() {
    JoinPacking<R> packing = packing(rowCoder);
    return new PTransform<>() {
      @Override
      public PCollection<KV<Integer, byte[]>> expand(PCollection<R> rows) {
        return rows.apply(
                "Keyed by group key",
                MapElements.into(new TypeDescriptor<KV<String, R>>() {}).via(FillAndTotal::keyed))
            .setCoder(packing.coder())
            .apply("Packed per bucket of the group key", ParDo.of(new BucketBatchFn<>(packing)))
            .setCoder(PACKED);
      }
    };
  }

  static final KvCoder<Integer, byte[]> PACKED = KvCoder.of(VarIntCoder.of(), ByteArrayCoder.of());

  /** {@code fn} over the rows of packed batches. */
  static final class UnpackingFn<R extends ExpenseRow, A, O>
      extends CombineFn<KV<Integer, byte[]>, A, O> {
    private static final long serialVersionUID = 1L;
    private final JoinPacking<R> packing;
    private final Coder<R> rowCoder;
    private final CombineFn<R, A, O> fn;

    UnpackingFn(Coder<R> rowCoder, CombineFn<R, A, O> fn) {
      this.packing = packing(rowCoder);
      this.rowCoder = rowCoder;
      this.fn = fn;
    }

    @Override
    public A createAccumulator() {
      return fn.createAccumulator();
    }

    @Override
    public A addInput(A accumulator, KV<Integer, byte[]> batch) {
      A result = accumulator;
      for (KV<String, R> row : unpack(packing, List.of(batch.getValue()))) {
        result = fn.addInput(result, row.getValue());
      }
      return result;
    }

    @Override
    public A mergeAccumulators(Iterable<A> accumulators) {
      return fn.mergeAccumulators(accumulators);
    }

    @Override
    public O extractOutput(A accumulator) {
      return fn.extractOutput(accumulator);
    }

    @Override
    public Coder<A> getAccumulatorCoder(
        CoderRegistry registry, Coder<KV<Integer, byte[]>> inputCoder)
        throws CannotProvideCoderException {
      return fn.getAccumulatorCoder(registry, rowCoder);
    }

    @Override
    public Coder<O> getDefaultOutputCoder(
        CoderRegistry registry, Coder<KV<Integer, byte[]>> inputCoder)
        throws CannotProvideCoderException {
      return fn.getDefaultOutputCoder(registry, rowCoder);
    }
  }

  private static <R> List<KV<String, R>> unpack(JoinPacking<R> packing, Iterable<byte[]> batches) {
    try {
      return packing.unpack(batches);
    } catch (IOException e) {
      throw new UncheckedIOException("a packed batch of rows does not decode", e);
    }
  }

  static class BucketFn<R extends ExpenseRow, K>
      extends DoFn<KV<Integer, Iterable<byte[]>>, String> {
    private static final long serialVersionUID = 1L;
    private static final Comparator<ExpenseRow> TABLE_ORDER =
        Comparator.comparing(ExpenseRow::date).thenComparingLong(ExpenseRow::ordinal);
    private final PCollectionView<Dimensions> table;
    private final SerializableFunction<Dimensions, List<K>> everySeries;
    private final SerializableFunction<R, K> seriesOf;
    private final SerializableFunction<KV<K, LocalDate>, R> zeroRow;
    private final SerializableFunction<R, ObjectNode> columns;
    private final SerializableFunction<K, Integer> fiscalYearOf;
    private final TupleTag<String> rows;
    private final TupleTag<String> beforeLatest;
    private final TupleTag<KV<String, Long>> rowParts;
    private final TupleTag<KV<String, Long>> beforeLatestParts;
    private final TupleTag<R> fills; // null: not kept
    private final StagedJsonArrayFile rowsFile;
    private final StagedJsonArrayFile beforeLatestFile;
    private final boolean rowElements;
    private final TupleTag<R> ownRows;
    private final JoinPacking<R> packing;

    /** The DoFn of {@code spec}; it takes the transform's settings, not the transform. */
    BucketFn(FillAndTotal<R, K> spec, PCollectionView<Dimensions> table) {
      this.table = table;
      this.everySeries = spec.everySeries;
      this.seriesOf = spec.seriesOf;
      this.zeroRow = spec.zeroRow;
      this.columns = spec.columns;
      this.fiscalYearOf = spec.fiscalYearOf;
      this.rows = spec.rows;
      this.beforeLatest = spec.beforeLatest;
      this.rowParts = spec.rowParts;
      this.beforeLatestParts = spec.beforeLatestParts;
      this.fills = spec.keepFills ? spec.fills : null;
      this.rowsFile = spec.rowsFile;
      this.beforeLatestFile = spec.beforeLatestFile;
      this.rowElements = spec.rowElements;
      this.ownRows = spec.ownRows;
      this.packing = packing(spec.rowCoder);
    }

    @ProcessElement
    public void processElement(ProcessContext context) throws IOException {
      Dimensions all = context.sideInput(table);
      Map<K, List<R>> bySeries = new HashMap<>();
      Set<String> groupKeys = new TreeSet<>();
      for (KV<String, R> record : unpack(packing, context.element().getValue())) {
        R row = record.getValue();
        if (fills != null) {
          context.output(ownRows, row);
        }
        bySeries.computeIfAbsent(seriesOf.apply(row), key -> new ArrayList<>()).add(row);
        groupKeys.add(row.aimsDeptProgAct());
      }
      Integer latest =
          all.fiscalYears().isEmpty() ? null : all.fiscalYears().get(all.fiscalYears().size() - 1);
      Dimensions bucket =
          new Dimensions(all.dates(), all.fiscalYears(), new ArrayList<>(groupKeys));
      FilledSeriesWriter writer = new FilledSeriesWriter(all.dates());
      PipelineOptions options = context.getPipelineOptions();
      try (Parts rowsPart = Parts.open(rowsFile, options);
          Parts beforeLatestPart = Parts.open(beforeLatestFile, options)) {
        for (K series : everySeries.apply(bucket)) {
          List<R> own = bySeries.getOrDefault(series, new ArrayList<>());
          own.sort(TABLE_ORDER);
          List<String> ownColumns = new ArrayList<>(own.size());
          for (R row : own) {
            ownColumns.add(SocrataValues.text(columns.apply(row)));
          }
          String fillColumns =
              SocrataValues.text(columns.apply(zeroRow.apply(KV.of(series, all.dates().get(0)))));
          boolean before = fiscalYearOf != null && fiscalYearOf.apply(series) < latest;
          writer.write(
              own,
              ownColumns,
              fillColumns,
              (utf8, length) -> {
                rowsPart.put(utf8, length);
                if (rowElements) {
                  String row = new String(utf8, 0, length, UTF_8);
                  context.output(rows, row);
                  if (before) {
                    context.output(beforeLatest, row);
                  }
                }
                if (before) {
                  beforeLatestPart.put(utf8, length);
                }
              });
          if (fills != null) {
            outputFirstFillOfEachMonth(context, series, own, all.dates());
          }
        }
        rowsPart.finish(context, rowParts);
        beforeLatestPart.finish(context, beforeLatestParts);
      }
    }

    /** The series' first fill row in each month: the dates it has no own row on. */
    private void outputFirstFillOfEachMonth(
        ProcessContext context, K series, List<R> own, List<LocalDate> dates) {
      YearMonth lastFilled = null;
      int next = 0;
      for (LocalDate date : dates) {
        boolean owned = false;
        while (next < own.size() && own.get(next).date().equals(date)) {
          owned = true;
          next++;
        }
        if (!owned && !YearMonth.from(date).equals(lastFilled)) {
          lastFilled = YearMonth.from(date);
          context.output(fills, zeroRow.apply(KV.of(series, date)));
        }
      }
    }
  }

  /** A bucket's part of one file, or nothing when the rows are not written to that file. */
  private static final class Parts implements AutoCloseable {
    private final StagedJsonArrayFile.Part part; // null: not written

    private Parts(StagedJsonArrayFile.Part part) {
      this.part = part;
    }

    static Parts open(StagedJsonArrayFile file, PipelineOptions options) {
      return new Parts(file == null ? null : file.openPart(options));
    }

    void put(byte[] utf8, int length) throws IOException {
      if (part != null) {
        part.put(utf8, 0, length);
      }
    }

    /** Completes the part and outputs it, {@code KV(part path, rows)}, on {@code tag}. */
    void finish(DoFn<?, ?>.ProcessContext context, TupleTag<KV<String, Long>> tag)
        throws IOException {
      KV<String, Long> finished = part == null ? null : part.finish();
      if (finished != null) {
        context.output(tag, finished);
      }
    }

    @Override
    public void close() throws IOException {
      if (part != null) {
        part.close();
      }
    }
  }
}
