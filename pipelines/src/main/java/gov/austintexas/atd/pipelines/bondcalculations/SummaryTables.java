package gov.austintexas.atd.pipelines.bondcalculations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import gov.austintexas.atd.transforms.BadDataException;
import gov.austintexas.atd.transforms.FiscalYear;
import gov.austintexas.atd.transforms.totals.BucketedCombine;
import gov.austintexas.atd.transforms.totals.DistinctValuesFn;
import gov.austintexas.atd.transforms.totals.RunningTotalsFn;
import gov.austintexas.atd.transforms.totals.SeriesPoint;
import gov.austintexas.atd.transforms.totals.Totalled;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.Max;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.windowing.GlobalWindow;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;
import org.apache.beam.sdk.values.TypeDescriptors;

/**
 * The 2020 bond summary tables: {@code hq9n-d77y} for FY*, the latest fiscal year of the current
 * spend plan, and {@code 5ewg-ssu3} for FY* − 1.
 *
 * <p>Expenses, Baseline and Planned amounts are keyed by (target year, dashboard id) and summed per
 * table_col label in one Combine ({@link LabelSums}, in buckets of the key: {@link
 * BucketedCombine}), which also joins them: a label's three sums meet in one accumulator. Each
 * label with Expenses or Baseline becomes a row (the full outer join), Planned attached, and
 * totalled per dashboard id in chronological label order in the same step ({@link
 * RunningTotalsFn#totals}): the Combine's output for one key is every label of that dashboard id in
 * that table. Keys dropped by the joins come out as report lines on {@link #NOTES}.
 */
public class SummaryTables extends PTransform<PCollectionTuple, PCollectionTuple> {
  private static final long serialVersionUID = 1L;

  /** Inputs: the 2020 expense rows with their fill rows, the crosswalk, and the three plans. */
  public static final TupleTag<Expense2020Row> EXPENSES = new TupleTag<>() {};

  public static final TupleTag<KV<String, String>> CROSSWALK = new TupleTag<>() {};
  public static final TupleTag<DatedAmount> BASELINE = new TupleTag<>() {};
  public static final TupleTag<DatedAmount> CURRENT_PLAN = new TupleTag<>() {};
  public static final TupleTag<DatedAmount> PREVIOUS_PLAN = new TupleTag<>() {};

  /** Outputs: the two tables, and report lines about dropped keys. */
  public static final TupleTag<String> CURRENT = new TupleTag<>() {};

  public static final TupleTag<String> PREVIOUS = new TupleTag<>() {};
  public static final TupleTag<String> NOTES = new TupleTag<>() {};

  private static final TupleTag<KV<KV<Integer, String>, LabelSums.Amount>> EXPENSE_CELLS =
      new TupleTag<>() {};
  private static final TupleTag<String> UNMATCHED_GROUPS = new TupleTag<>() {};
  private static final TupleTag<String> PLAN_ONLY = new TupleTag<>() {};

  /** Amounts keyed by (target fiscal year, dashboard id). */
  private static final KvCoder<KV<Integer, String>, LabelSums.Amount> CELL_CODER =
      KvCoder.of(KvCoder.of(VarIntCoder.of(), StringUtf8Coder.of()), BondCoders.AmountCoder.of());

  @Override
  public PCollectionTuple expand(PCollectionTuple input) {
    PCollectionView<Integer> latestYear =
        input
            .get(CURRENT_PLAN)
            .apply(
                "Plan fiscal years",
                MapElements.into(TypeDescriptors.integers())
                    .via(plan -> FiscalYear.of(plan.date())))
            .apply("FY*", Combine.globally(Max.ofIntegers()).asSingletonView());
    PCollectionView<Map<String, List<String>>> crosswalk =
        input
            .get(CROSSWALK)
            .apply("Crosswalk", Combine.globally(new CrosswalkFn()).asSingletonView());

    PCollectionTuple expenseCells =
        input
            .get(EXPENSES)
            .apply(
                "Expense cells",
                ParDo.of(new ExpenseCellsFn(crosswalk, latestYear))
                    .withSideInputs(crosswalk, latestYear)
                    .withOutputTags(EXPENSE_CELLS, TupleTagList.of(UNMATCHED_GROUPS)));
    PCollection<KV<KV<Integer, String>, LabelSums.Amount>> baseline =
        input
            .get(BASELINE)
            .apply(
                "Baseline cells",
                ParDo.of(new PlanCellsFn(latestYear, LabelSums.Kind.BASELINE, 0, -1))
                    .withSideInputs(latestYear))
            .setCoder(CELL_CODER);
    PCollection<KV<KV<Integer, String>, LabelSums.Amount>> currentPlan =
        input
            .get(CURRENT_PLAN)
            .apply(
                "Current plan cells",
                ParDo.of(new PlanCellsFn(latestYear, LabelSums.Kind.PLANNED, 0))
                    .withSideInputs(latestYear))
            .setCoder(CELL_CODER);
    PCollection<KV<KV<Integer, String>, LabelSums.Amount>> previousPlan =
        input
            .get(PREVIOUS_PLAN)
            .apply(
                "Previous plan cells",
                ParDo.of(new PlanCellsFn(latestYear, LabelSums.Kind.PLANNED, -1))
                    .withSideInputs(latestYear))
            .setCoder(CELL_CODER);
    PCollectionTuple tables =
        PCollectionList.of(expenseCells.get(EXPENSE_CELLS).setCoder(CELL_CODER))
            .and(baseline)
            .and(currentPlan)
            .and(previousPlan)
            .apply("All amounts", Flatten.pCollections())
            .apply("Sums per table_col", BucketedCombine.perKey(new LabelSums.Fn()))
            .apply(
                "Summary rows with running totals",
                ParDo.of(new SummaryRowsFn(latestYear))
                    .withSideInputs(latestYear)
                    .withOutputTags(CURRENT, TupleTagList.of(PREVIOUS).and(PLAN_ONLY)));
    tables.get(CURRENT).setCoder(StringUtf8Coder.of());
    tables.get(PREVIOUS).setCoder(StringUtf8Coder.of());

    PCollection<String> notes =
        PCollectionList.of(
                notes(
                    expenseCells.get(UNMATCHED_GROUPS).setCoder(StringUtf8Coder.of()),
                    "Unmatched groups",
                    "group keys of expenses_obligated_2020_bond_raw have no entry in"
                        + " bond_2020_aims_to_dashboard, so their expenses are not in the summary"
                        + " tables"))
            .and(
                notes(
                    tables.get(PLAN_ONLY).setCoder(StringUtf8Coder.of()),
                    "Plan-only keys",
                    "planned (table, table_col, dashboard id) keys have no Baseline or Expenses, so"
                        + " they are not rows"))
            .apply("Notes", Flatten.pCollections());

    return PCollectionTuple.of(CURRENT, tables.get(CURRENT))
        .and(PREVIOUS, tables.get(PREVIOUS))
        .and(NOTES, notes);
  }

  private static PCollection<String> notes(PCollection<String> keys, String name, String what) {
    return keys.apply(name + ": distinct", Combine.globally(DistinctValuesFn.<String>create()))
        .apply(name + ": note", ParDo.of(new DescribeFn(what)))
        .setCoder(StringUtf8Coder.of());
  }

  /** A report line naming how many keys were dropped and the first few, or none when none were. */
  static class DescribeFn extends DoFn<List<String>, String> {
    private static final long serialVersionUID = 1L;
    static final int SHOWN = 5;
    private final String what;

    DescribeFn(String what) {
      this.what = what;
    }

    @ProcessElement
    public void processElement(@Element List<String> keys, OutputReceiver<String> out) {
      if (!keys.isEmpty()) {
        out.output(
            keys.size()
                + " "
                + what
                + ": "
                + String.join(", ", keys.subList(0, Math.min(SHOWN, keys.size())))
                + (keys.size() > SHOWN ? ", ..." : ""));
      }
    }
  }

  /** The fiscal year of the summaries, failing clearly when the current spend plan is empty. */
  static int latest(Integer maxOfPlan) {
    if (maxOfPlan == null || maxOfPlan == Integer.MIN_VALUE) {
      throw new BadDataException(
          "bond_2020_current_fy_spend_plan has no rows, so the summary tables' fiscal year (FY*) is"
              + " unknown");
    }
    return maxOfPlan;
  }

  /** Each 2020 expense row's amount under each target year's label, per dashboard id it maps to. */
  static class ExpenseCellsFn
      extends DoFn<Expense2020Row, KV<KV<Integer, String>, LabelSums.Amount>> {
    private static final long serialVersionUID = 1L;
    private final PCollectionView<Map<String, List<String>>> crosswalk;
    private final PCollectionView<Integer> latestYear;
    // The bundle's sums so far: a row's amount is one of hundreds under its label, so the bundle
    // gives out one amount per label instead of two per row (millions at 1,000,000 rows).
    private transient Map<KV<KV<Integer, String>, TableCol>, BigDecimal> sums;

    ExpenseCellsFn(
        PCollectionView<Map<String, List<String>>> crosswalk, PCollectionView<Integer> latestYear) {
      this.crosswalk = crosswalk;
      this.latestYear = latestYear;
    }

    @StartBundle
    public void startBundle() {
      sums = new HashMap<>();
    }

    @ProcessElement
    public void processElement(ProcessContext context) {
      Expense2020Row row = context.element();
      List<String> dashboardIds = context.sideInput(crosswalk).get(row.aimsDeptProgAct());
      if (dashboardIds == null) {
        context.output(UNMATCHED_GROUPS, row.aimsDeptProgAct());
        return;
      }
      int latest = latest(context.sideInput(latestYear));
      // An empty amount still makes its label's Expenses exist, as 0 (LabelSums.add).
      BigDecimal amount = row.expenses() == null ? BigDecimal.ZERO : row.expenses();
      for (String dashboardId : dashboardIds) {
        for (int target : new int[] {latest, latest - 1}) {
          TableCol col = TableCol.forExpense(target, row.fiscalYear(), row.date());
          sums.merge(KV.of(KV.of(target, dashboardId), col), amount, BigDecimal::add);
        }
      }
    }

    @FinishBundle
    public void finishBundle(FinishBundleContext context) {
      sums.forEach(
          (cell, sum) ->
              context.output(
                  KV.of(
                      cell.getKey(),
                      new LabelSums.Amount(cell.getValue(), LabelSums.Kind.EXPENSES, sum)),
                  GlobalWindow.INSTANCE.maxTimestamp(),
                  GlobalWindow.INSTANCE));
      sums = null;
    }
  }

  /**
   * Each plan row's amount, of one kind, under its label in each target year given as an offset
   * from FY*.
   */
  static class PlanCellsFn extends DoFn<DatedAmount, KV<KV<Integer, String>, LabelSums.Amount>> {
    private static final long serialVersionUID = 1L;
    private final PCollectionView<Integer> latestYear;
    private final LabelSums.Kind kind;
    private final int[] offsets;

    PlanCellsFn(PCollectionView<Integer> latestYear, LabelSums.Kind kind, int... offsets) {
      this.latestYear = latestYear;
      this.kind = kind;
      this.offsets = offsets;
    }

    @ProcessElement
    public void processElement(ProcessContext context) {
      DatedAmount plan = context.element();
      int latest = latest(context.sideInput(latestYear));
      for (int offset : offsets) {
        int target = latest + offset;
        context.output(
            KV.of(
                KV.of(target, plan.dashboardId()),
                new LabelSums.Amount(TableCol.forPlan(target, plan.date()), kind, plan.amount())));
      }
    }
  }

  /**
   * A row for every label with Expenses or Baseline, Planned attached where it exists, with the
   * running totals of the dashboard id's rows in chronological label order; the previous table
   * leaves out FY*'s own {@code "0FY yy"} column. One element holds every label of one dashboard id
   * in one table, so its totals need no further grouping.
   */
  static class SummaryRowsFn extends DoFn<KV<KV<Integer, String>, LabelSums>, String> {
    private static final long serialVersionUID = 1L;
    private final PCollectionView<Integer> latestYear;

    SummaryRowsFn(PCollectionView<Integer> latestYear) {
      this.latestYear = latestYear;
    }

    @ProcessElement
    public void processElement(ProcessContext context) {
      int target = context.element().getKey().getKey();
      String dashboardId = context.element().getKey().getValue();
      int latest = latest(context.sideInput(latestYear));
      boolean current = target == latest;
      List<SeriesPoint<SummaryCell>> points = new ArrayList<>();
      context
          .element()
          .getValue()
          .byLabel()
          .forEach(
              (col, sums) -> {
                BigDecimal expenses = sums.get(LabelSums.Kind.EXPENSES);
                BigDecimal baseline = sums.get(LabelSums.Kind.BASELINE);
                BigDecimal planned = sums.get(LabelSums.Kind.PLANNED);
                if (expenses == null && baseline == null) {
                  context.output(PLAN_ONLY, "FY" + target + " " + col.label() + " " + dashboardId);
                } else if (current || !col.isWholeYear() || col.fiscalYear() != latest) {
                  SummaryCell cell =
                      new SummaryCell(col.label(), dashboardId, expenses, baseline, planned);
                  points.add(
                      new SeriesPoint<>(
                          col.position(), 0, Arrays.asList(expenses, baseline, planned), cell));
                }
              });
      for (Totalled<SummaryCell> row : RunningTotalsFn.totals(points)) {
        context.output(current ? CURRENT : PREVIOUS, SocrataValues.text(toJson(row)));
      }
    }
  }

  static ObjectNode toJson(Totalled<SummaryCell> totalled) {
    SummaryCell cell = totalled.value();
    ObjectNode json = SocrataValues.row();
    SocrataValues.put(json, "table_col", cell.tableCol());
    SocrataValues.put(json, "dashboard_deptfundprogact", cell.dashboardId());
    SocrataValues.put(json, "Expenses", cell.expenses());
    SocrataValues.put(json, "Baseline", cell.baseline());
    SocrataValues.put(json, "Planned", cell.planned());
    SocrataValues.put(json, "Sum_expenses", totalled.total(0));
    SocrataValues.put(json, "Sum_baseline", totalled.total(1));
    SocrataValues.put(json, "Sum_planned", totalled.total(2));
    return json;
  }
}
