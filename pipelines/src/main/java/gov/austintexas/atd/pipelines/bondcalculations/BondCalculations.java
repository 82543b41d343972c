package gov.austintexas.atd.pipelines.bondcalculations;

import gov.austintexas.atd.pipelines.AtdPipeline;
import gov.austintexas.atd.pipelines.Leftovers;
import gov.austintexas.atd.pipelines.RunReport;
import gov.austintexas.atd.pipelines.bondcalculations.BondDatasets.Dataset;
import gov.austintexas.atd.transforms.io.StagedJsonArrayFile;
import gov.austintexas.atd.transforms.io.StagingLeftovers;
import gov.austintexas.atd.transforms.s3.S3AccessOptions;
import gov.austintexas.atd.transforms.socrata.SocrataIO;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.PCollectionView;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code bond-calculations}: the bond tables in PostgreSQL to the seven Socrata datasets of the
 * bond dashboard (their rules are in docs/pipelines.md, "bond-calculations"), each replaced whole.
 *
 * <pre>
 * bond tables → BondDatasets → RefuseEmptyDatasets → AfterEveryDatasetIsCounted → ReplaceInSocrata
 *                            → WriteDatasetFiles (parts; each file published after the counts)
 * </pre>
 *
 * <p>The three filled datasets ({@link Dataset#filled}: every series on every date, 26 million rows
 * from 1,000,000 rows a table) are written into their files' staging parts in the step that makes
 * them, and counted from the parts; they are elements only when Socrata takes them.
 *
 * <p>All seven are computed, and each checked to have rows, before any is published: the rows for
 * Socrata wait for the one view of all counts, and each file, whose rows stream into staging parts
 * as they come, is moved into place only once that view exists, so a failed calculation publishes
 * nothing (and a failed run removes its parts). Each is then replaced through {@link
 * SocrataIO#replace()}, one Socrata revision per dataset: readers see its previous rows until the
 * revision is applied, and a replace that fails leaves them. A dataset that could not be replaced
 * fails the run with exit code 4, naming it. {@code --outputDir} also writes each dataset as a JSON
 * file, and {@code preview.html}, the dashboard's charts drawn from the two summary datasets' rows
 * ({@link DashboardPreview}); {@code --dryRun} writes only those. The notes about keys the joins
 * dropped come back as data.
 */
public class BondCalculations implements AtdPipeline<BondCalculationsOptions> {
  static final String NOTES = "notes";
  private static final Logger LOG = LoggerFactory.getLogger(BondCalculations.class);
  private final Map<String, String> environment;

  public BondCalculations(Map<String, String> environment) {
    this.environment = environment;
  }

  @Override
  public String name() {
    return "bond-calculations";
  }

  @Override
  public String description() {
    return "the bond tables to the dashboard's seven Socrata datasets: running totals, fiscal-month"
        + " summaries";
  }

  @Override
  public Class<BondCalculationsOptions> optionsClass() {
    return BondCalculationsOptions.class;
  }

  @Override
  public List<String> run(BondCalculationsOptions options, RunReport report) {
    BondCalculationsConfig config = BondCalculationsConfig.resolve(options, environment, report);
    S3AccessOptions.applyTo(options);
    Pipeline pipeline = Pipeline.create(options);
    build(pipeline, config);
    if (config.outputDir() != null) {
      for (Dataset dataset : Dataset.values()) {
        Leftovers.cleanFile(report, config.outputDir(), dataset.fileName(), options);
      }
    }
    PipelineResult result;
    try {
      result = pipeline.run();
      result.waitUntilFinish();
    } catch (RuntimeException failed) {
      removeStagedParts(config, options);
      throw failed;
    }
    report.metricsOf(result);
    return BondCalculationsSummary.of(result, config);
  }

  /** The run's graph: the seven datasets computed, counted, then written and published. */
  static void build(Pipeline pipeline, BondCalculationsConfig config) {
    // The filled datasets' rows go into their files as they are made; they are elements only for
    // Socrata, which takes elements.
    Map<Dataset, StagedJsonArrayFile> staged =
        config.outputDir() == null ? Map.of() : WriteDatasetFiles.stagedFilledFiles(config);
    PCollectionTuple computed =
        pipeline.apply(
            "Compute the datasets",
            BondDatasets.from(config.database(), config.fetchSize(), config.files())
                .writingFilledTo(staged, config.socrata() != null));
    PCollectionView<Map<String, Long>> counts =
        computed.apply("Refuse an empty dataset", new RefuseEmptyDatasets(config.datasetIds()));
    if (config.outputDir() != null) {
      computed.apply("Write the files", new WriteDatasetFiles(config, staged, counts));
    }
    if (config.socrata() != null) {
      PCollectionTuple ready =
          PCollectionTuple.of(BondDatasets.NOTES, computed.get(BondDatasets.NOTES));
      for (Dataset dataset : Dataset.values()) {
        ready =
            ready.and(
                BondDatasets.tag(dataset),
                computed
                    .get(BondDatasets.tag(dataset))
                    .apply(
                        config.label(dataset) + ": after every dataset is counted",
                        new AfterEveryDatasetIsCounted(counts)));
      }
      ready.apply("Replace in Socrata", new ReplaceInSocrata(config));
    }
    computed.get(BondDatasets.NOTES).apply("Keep the notes", config.notes().collect(NOTES));
  }

  /**
   * The files' parts stream in before the counts are known (only publishing waits for them), so a
   * failed run removes its parts: it leaves the directory as it found it.
   */
  private static void removeStagedParts(
      BondCalculationsConfig config, BondCalculationsOptions options) {
    if (config.outputDir() == null) {
      return;
    }
    Instant now = Instant.now();
    for (Dataset dataset : Dataset.values()) {
      try {
        StagingLeftovers.remove(config.outputDir(), dataset.fileName(), now, options);
      } catch (IOException | RuntimeException e) {
        LOG.warn(
            "could not remove the staging parts of {}{}: {}",
            config.outputDir(),
            dataset.fileName(),
            e.toString());
      }
    }
  }

  static String datasetId(Dataset dataset, BondCalculationsOptions options) {
    return switch (dataset) {
      case EXPENSES_2020_CURRENT -> options.getExpenses2020CurrentDataset();
      case EXPENSES_2020_PREVIOUS -> options.getExpenses2020PreviousDataset();
      case ALL_BONDS_EXPENSES -> options.getAllBondsExpensesDataset();
      case SUMMARY_2020_CURRENT -> options.getSummary2020CurrentDataset();
      case SUMMARY_2020_PREVIOUS -> options.getSummary2020PreviousDataset();
      case ALL_BONDS_METADATA -> options.getAllBondsMetadataDataset();
      case ALL_BONDS_LOOKUP -> options.getAllBondsLookupDataset();
    };
  }
}
