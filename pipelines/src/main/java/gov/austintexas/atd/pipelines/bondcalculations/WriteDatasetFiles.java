package gov.austintexas.atd.pipelines.bondcalculations;

import gov.austintexas.atd.pipelines.bondcalculations.BondDatasets.Dataset;
import gov.austintexas.atd.transforms.io.WriteJsonArrayFile;
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
  private final transient PCollectionView<Map<String, Long>> counts;

  /**
   * {@code datasets}: the computed rows, not held back; each file is published only once {@code
   * counts} exists ({@link RefuseEmptyDatasets}), so a refused run publishes none.
   */
  WriteDatasetFiles(BondCalculationsConfig config, PCollectionView<Map<String, Long>> counts) {
    this.config = config;
    this.counts = counts;
  }

  @Override
  public PDone expand(PCollectionTuple datasets) {
    String outputDir = config.outputDir();
    for (Dataset dataset : Dataset.values()) {
      datasets
          .get(BondDatasets.tag(dataset))
          .apply(
              "Write " + dataset.fileName(),
              WriteJsonArrayFile.to(outputDir, dataset.fileName())
                  .allowEmpty()
                  .withPublishGuard(RefuseEmptyDatasets.fileGuard(config.id(dataset)))
                  .publishedAfter(counts));
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
