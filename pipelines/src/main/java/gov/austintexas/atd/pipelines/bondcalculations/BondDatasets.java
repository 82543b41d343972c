package gov.austintexas.atd.pipelines.bondcalculations;

import gov.austintexas.atd.pipelines.ConfigFiles;
import gov.austintexas.atd.transforms.io.StagedJsonArrayFile;
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
    EXPENSES_2020_CURRENT("2020 bond expenses, every fiscal year", true),
    EXPENSES_2020_PREVIOUS("2020 bond expenses, fiscal years before the latest", true),
    ALL_BONDS_EXPENSES("all bonds expenses", true),
    SUMMARY_2020_CURRENT("2020 bond summary, fiscal year FY*", false),
    SUMMARY_2020_PREVIOUS("2020 bond summary, fiscal year FY* - 1", false),
    ALL_BONDS_METADATA("all bonds metadata", false),
    ALL_BONDS_LOOKUP("all bonds lookup", false);

    public final String title;

    /**
     * A row for every series on every date ({@link FillAndTotal}): far more rows than the tables
     * hold (26 million from 1,000,000 rows a table), so they can be written into the file in the
     * step that makes them ({@link #writingFilledTo}).
     */
    public final boolean filled;

    Dataset(String title, boolean filled) {
      this.title = title;
      this.filled = filled;
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

  private static final Map<Dataset, TupleTag<KV<String, Long>>> PARTS =
      new EnumMap<>(Dataset.class);

  static {
    for (Dataset dataset : Dataset.values()) {
      PARTS.put(dataset, new TupleTag<>(dataset.name() + " parts"));
    }
  }

  /** The report lines about dropped keys. */
  public static final TupleTag<String> NOTES = new TupleTag<>("notes");

  /** The rows of {@code dataset}, each one JSON object in the dataset's column order. */
  public static TupleTag<String> tag(Dataset dataset) {
    return TAGS.get(dataset);
  }

  /**
   * The staged parts of a {@link Dataset#filled} dataset's file, {@code KV(part path, rows)}, when
   * its rows were written in the step that made them ({@link #writingFilledTo}).
   */
  public static TupleTag<KV<String, Long>> parts(Dataset dataset) {
    return PARTS.get(dataset);
  }

  private final transient BondTableReads tables;
  private final transient Map<Dataset, StagedJsonArrayFile> filledFiles;
  private final boolean filledRows;

  private BondDatasets(
      BondTableReads tables, Map<Dataset, StagedJsonArrayFile> filledFiles, boolean filledRows) {
    this.tables = tables;
    this.filledFiles = filledFiles;
    this.filledRows = filledRows;
  }

  /**
   * Reads the bond tables from {@code database}, with the queries in {@code files}, and computes
   * the seven datasets.
   */
  public static BondDatasets from(JdbcSettings database, int fetchSize, ConfigFiles files) {
    return new BondDatasets(new BondTableReads(database, fetchSize, files), Map.of(), true);
  }

  /**
   * The {@link Dataset#filled} datasets' rows are written into {@code files}' parts (those given)
   * in the step that makes them, and come out as {@link #parts}; on {@link #tag} only when {@code
   * asElements}, for a destination that takes elements (Socrata).
   */
  public BondDatasets writingFilledTo(Map<Dataset, StagedJsonArrayFile> files, boolean asElements) {
    return new BondDatasets(tables, Map.copyOf(files), asElements);
  }

  @Override
  public PCollectionTuple expand(PBegin pipeline) {
    Map<Dataset, PCollection<String>> datasets = new EnumMap<>(Dataset.class);

    Map<Dataset, PCollection<KV<String, Long>>> parts = new EnumMap<>(Dataset.class);

    PCollection<KV<Integer, byte[]>> raw2020 =
        pipeline.apply("Read expenses_obligated_2020_bond_raw", tables.expenses2020());
    FillAndTotal<Expense2020Row, KV<String, Integer>> filled =
        filling(
            Expenses2020.fillAndTotal(),
            Dataset.EXPENSES_2020_CURRENT,
            Dataset.EXPENSES_2020_PREVIOUS);
    PCollectionTuple expenseDatasets = raw2020.apply("2020 fill and running totals", filled);
    datasets.put(Dataset.EXPENSES_2020_CURRENT, expenseDatasets.get(filled.rows()));
    datasets.put(Dataset.EXPENSES_2020_PREVIOUS, expenseDatasets.get(filled.beforeLatest()));
    parts.put(Dataset.EXPENSES_2020_CURRENT, expenseDatasets.get(filled.rowParts()));
    parts.put(Dataset.EXPENSES_2020_PREVIOUS, expenseDatasets.get(filled.beforeLatestParts()));
    // The summaries take the rows, as each bucket gives them back, and a fill row per series and
    // month (see FillAndTotal.fills).
    PCollection<Expense2020Row> expenses2020 =
        PCollectionList.of(expenseDatasets.get(filled.ownRows()))
            .and(expenseDatasets.get(filled.fills()))
            .apply("2020 rows and fills", Flatten.pCollections());

    FillAndTotal<AllBondsExpenseRow, String> allBonds =
        filling(AllBondsExpenses.fillAndTotal(), Dataset.ALL_BONDS_EXPENSES, null);
    PCollectionTuple allBondsDataset =
        pipeline
            .apply("Read expenses_obligated_all_bonds_raw", tables.allBondsExpenses())
            .apply("All bonds series", allBonds);
    datasets.put(Dataset.ALL_BONDS_EXPENSES, allBondsDataset.get(allBonds.rows()));
    parts.put(Dataset.ALL_BONDS_EXPENSES, allBondsDataset.get(allBonds.rowParts()));

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
      if (filledRows || !dataset.getKey().filled) {
        all = all.and(tag(dataset.getKey()), dataset.getValue());
      }
    }
    for (Map.Entry<Dataset, PCollection<KV<String, Long>>> dataset : parts.entrySet()) {
      if (filledFiles.containsKey(dataset.getKey())) {
        all = all.and(parts(dataset.getKey()), dataset.getValue());
      }
    }
    return all;
  }

  /**
   * {@code fill} writing into the files of {@code rows} and {@code beforeLatest} that are given.
   */
  private <R extends ExpenseRow, K> FillAndTotal<R, K> filling(
      FillAndTotal<R, K> fill, Dataset rows, Dataset beforeLatest) {
    FillAndTotal<R, K> writing =
        fill.writingTo(
            filledFiles.get(rows), beforeLatest == null ? null : filledFiles.get(beforeLatest));
    return filledRows ? writing : writing.withoutRowElements();
  }
}
