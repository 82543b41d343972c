package gov.austintexas.atd.pipelines.bondcalculations;

import gov.austintexas.atd.pipelines.bondcalculations.BondDatasets.Dataset;
import gov.austintexas.atd.transforms.io.WriteJsonArrayFile;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.PDone;

/**
 * Each dataset as a JSON array file in {@code --outputDir}, replaced whole, and the dashboard's
 * preview drawn from the two summary datasets ({@link DashboardPreview}).
 */
class WriteDatasetFiles extends PTransform<PCollectionTuple, PDone> {
  private static final long serialVersionUID = 1L;
  private final transient BondCalculationsConfig config;

  WriteDatasetFiles(BondCalculationsConfig config) {
    this.config = config;
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
                  .withPublishGuard(RefuseEmptyDatasets.fileGuard(config.id(dataset))));
    }
    datasets
        .get(BondDatasets.tag(Dataset.SUMMARY_2020_CURRENT))
        .apply(
            "Dashboard preview",
            DashboardPreview.to(
                outputDir,
                config.id(Dataset.SUMMARY_2020_CURRENT),
                datasets.get(BondDatasets.tag(Dataset.SUMMARY_2020_PREVIOUS)),
                config.id(Dataset.SUMMARY_2020_PREVIOUS),
                datasets.get(BondDatasets.NOTES)));
    return PDone.in(datasets.getPipeline());
  }
}
