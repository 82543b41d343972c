package gov.austintexas.atd.pipelines.bondcalculations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import gov.austintexas.atd.transforms.totals.RunningTotals;
import gov.austintexas.atd.transforms.totals.SeriesPoint;
import gov.austintexas.atd.transforms.totals.SeriesPointCoder;
import gov.austintexas.atd.transforms.totals.Totalled;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;
import org.apache.beam.sdk.values.TypeDescriptor;

/**
 * The 2020 bond expenses, datasets {@code vs3t-h2aj} and {@code jdna-s8qn}. A series is one (group
 * key, fiscal year); {@link Fill} gives every series a row on every date of the input, and {@link
 * Datasets} adds {@code sum_expenses} and {@code sum_obligated} in date order.
 */
public final class Expenses2020 {
  private Expenses2020() {}

  /** The series of the 2020 bond: group key and fiscal year. */
  static final KvCoder<String, Integer> SERIES_CODER =
      KvCoder.of(StringUtf8Coder.of(), VarIntCoder.of());

  /**
   * The input rows plus a zero row for every (fiscal year, date, group key) of the cross product of
   * the input's fiscal years, dates and group keys that has no row.
   */
  public static class Fill
      extends PTransform<PCollection<Expense2020Row>, PCollection<Expense2020Row>> {
    private static final long serialVersionUID = 1L;

    @Override
    public PCollection<Expense2020Row> expand(PCollection<Expense2020Row> rows) {
      return rows.apply(
          "Fill",
          new FillSeries<Expense2020Row, KV<String, Integer>>(
              Dimensions.of(
                  Expense2020Row::date,
                  Expense2020Row::fiscalYear,
                  Expense2020Row::aimsDeptProgAct),
              Expenses2020::everySeries,
              row -> KV.of(row.aimsDeptProgAct(), row.fiscalYear()),
              gap ->
                  Expense2020Row.filled(
                      gap.getKey().getKey(), gap.getKey().getValue(), gap.getValue()),
              SERIES_CODER,
              BondCoders.Expense2020Coder.of()));
    }
  }

  /**
   * {@link Fill} and {@link Datasets} in one grouping ({@link FillAndTotal}): the rows of {@link
   * FillAndTotal#rows()} are {@link #EVERY_YEAR}'s, of {@link FillAndTotal#beforeLatest()} {@link
   * #BEFORE_LATEST_YEAR}'s, and {@link FillAndTotal#fills()} has fill rows for the summaries.
   */
  static FillAndTotal<Expense2020Row, KV<String, Integer>> fillAndTotal() {
    return new FillAndTotal<>(
        Dimensions.of(
            Expense2020Row::date, Expense2020Row::fiscalYear, Expense2020Row::aimsDeptProgAct),
        Expenses2020::everySeries,
        row -> KV.of(row.aimsDeptProgAct(), row.fiscalYear()),
        gap ->
            Expense2020Row.filled(gap.getKey().getKey(), gap.getKey().getValue(), gap.getValue()),
        Expenses2020::toJson,
        KV::getValue,
        true,
        BondCoders.Expense2020Coder.of());
  }

  /** Every series: each group key with each fiscal year. */
  static List<KV<String, Integer>> everySeries(Dimensions dimensions) {
    List<KV<String, Integer>> series = new ArrayList<>();
    for (String groupKey : dimensions.groupKeys()) {
      for (Integer fiscalYear : dimensions.fiscalYears()) {
        series.add(KV.of(groupKey, fiscalYear));
      }
    }
    return series;
  }

  /** Rows of {@code vs3t-h2aj}: every fiscal year. */
  public static final TupleTag<String> EVERY_YEAR = new TupleTag<>() {};

  /** Rows of {@code jdna-s8qn}: the fiscal years before the latest. */
  public static final TupleTag<String> BEFORE_LATEST_YEAR = new TupleTag<>() {};

  /**
   * Each row with its series' running totals, as the datasets' JSON (their columns, in order), on
   * {@link #EVERY_YEAR} and, when its fiscal year is below the latest, {@link #BEFORE_LATEST_YEAR}.
   */
  public static class Datasets extends PTransform<PCollection<Expense2020Row>, PCollectionTuple> {
    private static final long serialVersionUID = 1L;
    private final PCollectionView<Integer> latestFiscalYear;

    public Datasets(PCollectionView<Integer> latestFiscalYear) {
      this.latestFiscalYear = latestFiscalYear;
    }

    @Override
    public PCollectionTuple expand(PCollection<Expense2020Row> rows) {
      PCollectionTuple datasets =
          rows.apply(
                  "Series points",
                  MapElements.into(
                          new TypeDescriptor<KV<KV<String, Integer>, SeriesPoint<String>>>() {})
                      .via(
                          row ->
                              KV.of(
                                  KV.of(row.aimsDeptProgAct(), row.fiscalYear()),
                                  row.seriesPoint(toJson(row)))))
              .setCoder(KvCoder.of(SERIES_CODER, SeriesPointCoder.of(StringUtf8Coder.of())))
              .apply("Running totals", RunningTotals.perKey())
              .apply(
                  "Dataset rows",
                  ParDo.of(new DatasetRowsFn(latestFiscalYear))
                      .withSideInputs(latestFiscalYear)
                      .withOutputTags(EVERY_YEAR, TupleTagList.of(BEFORE_LATEST_YEAR)));
      datasets.get(EVERY_YEAR).setCoder(StringUtf8Coder.of());
      datasets.get(BEFORE_LATEST_YEAR).setCoder(StringUtf8Coder.of());
      return datasets;
    }
  }

  static class DatasetRowsFn extends DoFn<KV<KV<String, Integer>, Totalled<String>>, String> {
    private static final long serialVersionUID = 1L;
    private final PCollectionView<Integer> latestFiscalYear;

    DatasetRowsFn(PCollectionView<Integer> latestFiscalYear) {
      this.latestFiscalYear = latestFiscalYear;
    }

    @ProcessElement
    public void processElement(ProcessContext context) {
      Totalled<String> totalled = context.element().getValue();
      String row = ExpenseRow.withTotals(totalled);
      context.output(row);
      if (context.element().getKey().getValue() < context.sideInput(latestFiscalYear)) {
        context.output(BEFORE_LATEST_YEAR, row);
      }
    }
  }

  /** The row's columns before its running totals, in the datasets' order. */
  static ObjectNode toJson(Expense2020Row row) {
    ObjectNode json = SocrataValues.row();
    SocrataValues.put(json, "fund", row.fund());
    SocrataValues.put(json, "department", row.department());
    SocrataValues.put(json, "date", row.date());
    SocrataValues.put(json, "group", row.group());
    SocrataValues.put(json, "fiscal_year", row.fiscalYear());
    SocrataValues.put(json, "division", row.division());
    SocrataValues.put(json, "obligated", row.obligated());
    SocrataValues.put(json, "expenses", row.expenses());
    SocrataValues.put(json, "updated_at", row.updatedAt());
    SocrataValues.put(json, "aims_dept_prog_act", row.aimsDeptProgAct());
    return json;
  }
}
