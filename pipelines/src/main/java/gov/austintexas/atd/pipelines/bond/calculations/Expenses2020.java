package gov.austintexas.atd.pipelines.bond.calculations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import gov.austintexas.atd.transforms.json.ObjectNodeCoder;
import gov.austintexas.atd.transforms.totals.DistinctValuesFn;
import gov.austintexas.atd.transforms.totals.FillMissingDates;
import gov.austintexas.atd.transforms.totals.LocalDateCoder;
import gov.austintexas.atd.transforms.totals.RunningTotals;
import gov.austintexas.atd.transforms.totals.SeriesPoint;
import gov.austintexas.atd.transforms.totals.SeriesPointCoder;
import gov.austintexas.atd.transforms.totals.Totalled;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.TypeDescriptor;
import org.apache.beam.sdk.values.TypeDescriptors;

/**
 * The 2020 bond expenses (spec: bond.md 3.1). A series is one (group key, fiscal year); {@link
 * Fill} gives every series a row on every date of the input, and {@link WithRunningTotals} adds
 * {@code sum_expenses} and {@code sum_obligated} in date order.
 */
public final class Expenses2020 {
  private Expenses2020() {}

  /** The series of the 2020 bond: group key and fiscal year. */
  static final KvCoder<String, Integer> SERIES_CODER = KvCoder.of(StringUtf8Coder.of(), VarIntCoder.of());

  /**
   * The input rows plus a zero row for every (fiscal year, date, group key) of the cross product
   * of the input's fiscal years, dates and group keys that has no row.
   */
  public static class Fill extends PTransform<PCollection<Expense2020>, PCollection<Expense2020>> {
    private static final long serialVersionUID = 1L;

    @Override
    public PCollection<Expense2020> expand(PCollection<Expense2020> rows) {
      PCollectionView<List<LocalDate>> dates =
          rows.apply("Dates", MapElements.into(TypeDescriptor.of(LocalDate.class)).via(Expense2020::date))
              .setCoder(LocalDateCoder.of())
              .apply("Distinct dates", Combine.globally(DistinctValuesFn.<LocalDate>create()))
              .apply("Dates view", View.asSingleton());
      PCollectionView<List<Integer>> fiscalYears =
          rows.apply("Fiscal years", MapElements.into(TypeDescriptors.integers()).via(Expense2020::fiscalYear))
              .apply("Distinct fiscal years", Combine.globally(DistinctValuesFn.<Integer>create()))
              .apply("Fiscal years view", View.asSingleton());
      PCollection<KV<String, Integer>> allSeries =
          rows.apply("Group keys", MapElements.into(TypeDescriptors.strings()).via(Expense2020::aimsDeptProgAct))
              .apply("Distinct group keys", Combine.globally(DistinctValuesFn.<String>create()))
              .apply("Every fiscal year", ParDo.of(new EveryFiscalYearFn(fiscalYears)).withSideInputs(fiscalYears))
              .setCoder(SERIES_CODER);
      PCollection<Expense2020> fills =
          rows.apply("Dated series", MapElements.into(new TypeDescriptor<KV<KV<String, Integer>, LocalDate>>() {})
                  .via(row -> KV.of(KV.of(row.aimsDeptProgAct(), row.fiscalYear()), row.date())))
              .setCoder(KvCoder.of(SERIES_CODER, LocalDateCoder.of()))
              .apply("Missing dates", FillMissingDates.of(allSeries, dates))
              .apply("Fill rows", MapElements.into(TypeDescriptor.of(Expense2020.class))
                  .via(gap -> Expense2020.filled(gap.getKey().getKey(), gap.getKey().getValue(), gap.getValue())));
      return PCollectionList.of(rows).and(fills).apply("Rows and fills", Flatten.pCollections());
    }
  }

  /** Every series: each group key with each fiscal year. */
  static class EveryFiscalYearFn extends DoFn<List<String>, KV<String, Integer>> {
    private static final long serialVersionUID = 1L;
    private final PCollectionView<List<Integer>> fiscalYears;

    EveryFiscalYearFn(PCollectionView<List<Integer>> fiscalYears) {
      this.fiscalYears = fiscalYears;
    }

    @ProcessElement
    public void processElement(ProcessContext context) {
      for (String groupKey : context.element()) {
        for (Integer fiscalYear : context.sideInput(fiscalYears)) {
          context.output(KV.of(groupKey, fiscalYear));
        }
      }
    }
  }

  /** Each row as a dataset row with its series' running totals (the datasets' columns, in order). */
  public static class WithRunningTotals extends PTransform<PCollection<Expense2020>, PCollection<ObjectNode>> {
    private static final long serialVersionUID = 1L;

    @Override
    public PCollection<ObjectNode> expand(PCollection<Expense2020> rows) {
      return rows
          .apply("Series points", MapElements.into(new TypeDescriptor<KV<KV<String, Integer>, SeriesPoint<Expense2020>>>() {})
              .via(row -> KV.of(KV.of(row.aimsDeptProgAct(), row.fiscalYear()),
                  new SeriesPoint<>(row.date().toString(), row.ordinal(), Arrays.asList(row.expenses(), row.obligated()), row))))
          .setCoder(KvCoder.of(SERIES_CODER, SeriesPointCoder.of(SerializableCoder.of(Expense2020.class))))
          .apply("Running totals", RunningTotals.perKey())
          .apply("Dataset rows", MapElements.into(TypeDescriptor.of(ObjectNode.class)).via(totalled -> toJson(totalled.getValue())))
          .setCoder(ObjectNodeCoder.of());
    }
  }

  static ObjectNode toJson(Totalled<Expense2020> totalled) {
    Expense2020 row = totalled.value();
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
    SocrataValues.put(json, "sum_obligated", totalled.total(1));
    SocrataValues.put(json, "sum_expenses", totalled.total(0));
    return json;
  }

  /** The rows whose fiscal year is below the largest of the input ({@code jdna-s8qn}). */
  public static class BeforeLatestFiscalYear extends PTransform<PCollection<ObjectNode>, PCollection<ObjectNode>> {
    private static final long serialVersionUID = 1L;
    private final PCollectionView<Integer> latestFiscalYear;

    public BeforeLatestFiscalYear(PCollectionView<Integer> latestFiscalYear) {
      this.latestFiscalYear = latestFiscalYear;
    }

    @Override
    public PCollection<ObjectNode> expand(PCollection<ObjectNode> rows) {
      return rows
          .apply("Fiscal year before the latest",
              ParDo.of(new BeforeFiscalYearFn(latestFiscalYear)).withSideInputs(latestFiscalYear))
          .setCoder(ObjectNodeCoder.of());
    }
  }

  static class BeforeFiscalYearFn extends DoFn<ObjectNode, ObjectNode> {
    private static final long serialVersionUID = 1L;
    private final PCollectionView<Integer> fiscalYear;

    BeforeFiscalYearFn(PCollectionView<Integer> fiscalYear) {
      this.fiscalYear = fiscalYear;
    }

    @ProcessElement
    public void processElement(ProcessContext context) {
      if (context.element().get("fiscal_year").intValue() < context.sideInput(fiscalYear)) {
        context.output(context.element());
      }
    }
  }
}
