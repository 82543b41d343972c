package gov.austintexas.atd.pipelines.bondcalculations;

import gov.austintexas.atd.pipelines.ConfigFiles;
import gov.austintexas.atd.transforms.jdbc.JdbcSettings;
import gov.austintexas.atd.transforms.json.Json;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.transforms.Filter;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TypeDescriptor;
import org.apache.beam.sdk.values.TypeDescriptors;

/**
 * The calculation graph of {@code bond-calculations}: the bond tables in, the seven datasets of the
 * bond dashboard out (each on {@link #tag}), plus report lines about keys the joins dropped (on
 * {@link #NOTES}).
 */
public final class BondDatasets extends PTransform<PBegin, PCollectionTuple> {
  private static final long serialVersionUID = 1L;

  /** The seven datasets, by what they hold; their Socrata ids are options. */
  public enum Dataset {
    EXPENSES_2020_CURRENT("2020 bond expenses, every fiscal year"),
    EXPENSES_2020_PREVIOUS("2020 bond expenses, fiscal years before the latest"),
    ALL_BONDS_EXPENSES("all bonds expenses"),
    SUMMARY_2020_CURRENT("2020 bond summary, fiscal year FY*"),
    SUMMARY_2020_PREVIOUS("2020 bond summary, fiscal year FY* - 1"),
    ALL_BONDS_METADATA("all bonds metadata"),
    ALL_BONDS_LOOKUP("all bonds lookup");

    public final String title;

    Dataset(String title) {
      this.title = title;
    }

    /** The file written under {@code --outputDir}. */
    public String fileName() {
      return name().toLowerCase(Locale.ROOT) + ".json";
    }
  }

  private static final Map<Dataset, TupleTag<String>> TAGS = new EnumMap<>(Dataset.class);

  static {
    for (Dataset dataset : Dataset.values()) {
      TAGS.put(dataset, new TupleTag<>(dataset.name()));
    }
  }

  /** The report lines about dropped keys. */
  public static final TupleTag<String> NOTES = new TupleTag<>("notes");

  /** The rows of {@code dataset}, each one JSON object in the dataset's column order. */
  public static TupleTag<String> tag(Dataset dataset) {
    return TAGS.get(dataset);
  }

  private final transient BondTableReads tables;

  private BondDatasets(BondTableReads tables) {
    this.tables = tables;
  }

  /**
   * Reads the bond tables from {@code database}, with the queries in {@code files}, and computes
   * the seven datasets.
   */
  public static BondDatasets from(JdbcSettings database, int fetchSize, ConfigFiles files) {
    return new BondDatasets(new BondTableReads(database, fetchSize, files));
  }

  @Override
  public PCollectionTuple expand(PBegin pipeline) {
    Map<Dataset, PCollection<String>> datasets = new EnumMap<>(Dataset.class);

    PCollection<Expense2020Row> raw2020 =
        pipeline.apply("Read expenses_obligated_2020_bond_raw", tables.expenses2020());
    FillAndTotal<Expense2020Row, KV<String, Integer>> filled = Expenses2020.fillAndTotal();
    PCollectionTuple expenseDatasets = raw2020.apply("2020 fill and running totals", filled);
    datasets.put(Dataset.EXPENSES_2020_CURRENT, expenseDatasets.get(filled.rows()));
    datasets.put(Dataset.EXPENSES_2020_PREVIOUS, expenseDatasets.get(filled.beforeLatest()));
    // The summaries take the rows with a fill row per series and month (see FillAndTotal.fills).
    PCollection<Expense2020Row> expenses2020 =
        PCollectionList.of(raw2020)
            .and(expenseDatasets.get(filled.fills()))
            .apply("2020 rows and fills", Flatten.pCollections());

    datasets.put(
        Dataset.ALL_BONDS_EXPENSES,
        pipeline
            .apply("Read expenses_obligated_all_bonds_raw", tables.allBondsExpenses())
            .apply("All bonds series", new AllBondsExpenses()));

    PCollection<KV<String, String>> crosswalk =
        pipeline
            .apply("Read bond_2020_aims_to_dashboard", tables.asIs("bond_2020_aims_to_dashboard"))
            .apply(
                "Crosswalk rows with both ids",
                Filter.by(
                    row ->
                        !Json.isEmpty(row.get("aims_dept_prog_act"))
                            && !Json.isEmpty(row.get("dashboard_deptfundprogact"))))
            .apply(
                "Crosswalk pairs",
                MapElements.into(new TypeDescriptor<KV<String, String>>() {})
                    .via(
                        row ->
                            KV.of(
                                row.get("aims_dept_prog_act").asText(),
                                row.get("dashboard_deptfundprogact").asText())))
            .setCoder(KvCoder.of(StringUtf8Coder.of(), StringUtf8Coder.of()));
    PCollectionTuple summaries =
        PCollectionTuple.of(SummaryTables.EXPENSES, expenses2020)
            .and(SummaryTables.CROSSWALK, crosswalk)
            .and(
                SummaryTables.BASELINE,
                pipeline.apply(
                    "Read bond_2020_baseline_spend",
                    tables.datedAmounts("bond_2020_baseline_spend")))
            .and(
                SummaryTables.CURRENT_PLAN,
                pipeline.apply(
                    "Read bond_2020_current_fy_spend_plan",
                    tables.datedAmounts("bond_2020_current_fy_spend_plan")))
            .and(
                SummaryTables.PREVIOUS_PLAN,
                pipeline.apply(
                    "Read bond_2020_previous_fy_spend_plan",
                    tables.datedAmounts("bond_2020_previous_fy_spend_plan")))
            .apply("2020 summary tables", new SummaryTables());
    datasets.put(Dataset.SUMMARY_2020_CURRENT, summaries.get(SummaryTables.CURRENT));
    datasets.put(Dataset.SUMMARY_2020_PREVIOUS, summaries.get(SummaryTables.PREVIOUS));

    PCollection<DatedAmount> appropriations =
        pipeline.apply(
            "Read all_bonds_appropriations", tables.datedAmounts("all_bonds_appropriations"));
    datasets.put(
        Dataset.ALL_BONDS_METADATA,
        pipeline
            .apply("Read all_bonds_program_names", tables.asIs("all_bonds_program_names"))
            .apply("All bonds metadata", AllBondsMetadata.withAppropriations(appropriations)));
    datasets.put(
        Dataset.ALL_BONDS_LOOKUP,
        pipeline
            .apply("Read all_bonds_aims_to_dashboard", tables.asIs("all_bonds_aims_to_dashboard"))
            .apply(
                "Lookup rows",
                MapElements.into(TypeDescriptors.strings()).via(SocrataValues::text)));
    PCollectionTuple all = PCollectionTuple.of(NOTES, summaries.get(SummaryTables.NOTES));
    for (Map.Entry<Dataset, PCollection<String>> dataset : datasets.entrySet()) {
      all = all.and(tag(dataset.getKey()), dataset.getValue());
    }
    return all;
  }
}
