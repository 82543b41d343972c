package gov.austintexas.atd.pipelines.bondcalculations;

import java.util.Map;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionView;

/**
 * A dataset's rows, let through only once every dataset has been counted and none refused ({@link
 * RefuseEmptyDatasets}): what {@code Wait.on} does, with the one view of the counts as the side
 * input that every dataset's rows wait for.
 */
class AfterEveryDatasetIsCounted extends PTransform<PCollection<String>, PCollection<String>> {
  private static final long serialVersionUID = 1L;
  private final PCollectionView<Map<String, Long>> counts;

  AfterEveryDatasetIsCounted(PCollectionView<Map<String, Long>> counts) {
    this.counts = counts;
  }

  @Override
  public PCollection<String> expand(PCollection<String> rows) {
    return rows.apply("Wait for the counts", ParDo.of(new PassFn(counts)).withSideInputs(counts))
        .setCoder(rows.getCoder());
  }

  static class PassFn extends DoFn<String, String> {
    private static final long serialVersionUID = 1L;
    private final PCollectionView<Map<String, Long>> counts;

    PassFn(PCollectionView<Map<String, Long>> counts) {
      this.counts = counts;
    }

    @ProcessElement
    public void processElement(ProcessContext context) {
      // Reading the view is what holds the row back until every count has passed.
      context.sideInput(counts);
      context.output(context.element());
    }
  }
}
