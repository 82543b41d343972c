package gov.austintexas.atd.pipelines.bondcalculations;

import gov.austintexas.atd.pipelines.bondcalculations.BondDatasets.Dataset;
import gov.austintexas.atd.transforms.io.StagedJsonArrayFile;
import gov.austintexas.atd.transforms.io.WriteJsonArrayFile;
import java.util.EnumMap;
import java.util.Map;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.PDone;

/**
 * Each dataset as a JSON array file in {@code --outputDir}, replaced whole, and the dashboard's
 * preview drawn from the two summary datasets ({@link DashboardPreview}).
 */
class WriteDatasetFiles extends PTransform<PCollectionTuple, PDone> {
  private static final long serialVersionUID = 1L;
  private final transient BondCalculationsConfig config;
  private final transient Map<Dataset, StagedJsonArrayFile> staged;
  private final transient PCollectionView<Map<String, Long>> counts;

  /**
   * {@code datasets}: the computed rows, not held back, or for the datasets in {@code staged} the
   * parts already written ({@link BondDatasets#parts}); each file is published only once {@code
   * counts} exists ({@link RefuseEmptyDatasets}), so a refused run publishes none.
   */
  WriteDatasetFiles(
      BondCalculationsConfig config,
      Map<Dataset, StagedJsonArrayFile> staged,
      PCollectionView<Map<String, Long>> counts) {
    this.config = config;
    this.staged = staged;
    this.counts = counts;
  }

  /**
   * The files of the {@link Dataset#filled} datasets, for their rows to be written in the step that
   * makes them ({@link BondDatasets#writingFilledTo}).
   */
  static Map<Dataset, StagedJsonArrayFile> stagedFilledFiles(BondCalculationsConfig config) {
    Map<Dataset, StagedJsonArrayFile> files = new EnumMap<>(Dataset.class);
    for (Dataset dataset : Dataset.values()) {
      if (dataset.filled) {
        files.put(dataset, file(config, dataset).staged());
      }
    }
    return files;
  }

  private static WriteJsonArrayFile file(BondCalculationsConfig config, Dataset dataset) {
    return WriteJsonArrayFile.to(config.outputDir(), dataset.fileName())
        .allowEmpty()
        .withPublishGuard(RefuseEmptyDatasets.fileGuard(config.id(dataset)));
  }

  @Override
  public PDone expand(PCollectionTuple datasets) {
    String outputDir = config.outputDir();
    for (Dataset dataset : Dataset.values()) {
      if (staged.containsKey(dataset)) {
        datasets
            .get(BondDatasets.parts(dataset))
            .apply("Publish " + dataset.fileName(), staged.get(dataset).publishedAfter(counts));
      } else {
        datasets
            .get(BondDatasets.tag(dataset))
            .apply("Write " + dataset.fileName(), file(config, dataset).publishedAfter(counts));
      }
    }
    // The preview is drawn from rows, so its rows wait for the counts.
    datasets
        .get(BondDatasets.tag(Dataset.SUMMARY_2020_CURRENT))
        .apply(
            "Current summary: after every dataset is counted",
            new AfterEveryDatasetIsCounted(counts))
        .apply(
            "Dashboard preview",
            DashboardPreview.to(
                outputDir,
                config.id(Dataset.SUMMARY_2020_CURRENT),
                datasets
                    .get(BondDatasets.tag(Dataset.SUMMARY_2020_PREVIOUS))
                    .apply(
                        "Previous summary: after every dataset is counted",
                        new AfterEveryDatasetIsCounted(counts)),
                config.id(Dataset.SUMMARY_2020_PREVIOUS),
                datasets.get(BondDatasets.NOTES)));
    return PDone.in(datasets.getPipeline());
  }
}
