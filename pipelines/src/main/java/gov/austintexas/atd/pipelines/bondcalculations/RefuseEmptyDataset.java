package gov.austintexas.atd.pipelines.bondcalculations;

import gov.austintexas.atd.transforms.BadDataException;
import gov.austintexas.atd.transforms.io.PublishGuard;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.Count;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;

/**
 * Counts a computed dataset and fails the run when it has no rows: an empty calculation is a broken
 * input, and publishing it would blank the dashboard. Every publish waits on every dataset's count,
 * so a refusal publishes nothing.
 */
class RefuseEmptyDataset extends PTransform<PCollection<String>, PCollection<Long>> {
  private static final long serialVersionUID = 1L;
  static final String COUNTERS = "bond-calculations";
  private final String dataset;

  RefuseEmptyDataset(String dataset) {
    this.dataset = dataset;
  }

  /** The reason a run stops on an empty dataset. */
  static String refusal(String dataset) {
    return dataset
        + ": the calculation gave no rows; a dataset is never replaced with zero rows, so nothing"
        + " was published";
  }

  /**
   * The same refusal for the dataset's file writer. With no rows there is nothing for the writer to
   * wait on, so it may be the step that notices first; it then fails the run in exactly the same
   * words, and leaves the file as it was.
   */
  static PublishGuard fileGuard(String dataset) {
    return (target, newCount) -> {
      if (newCount == 0) {
        throw new BadDataException(refusal(dataset));
      }
    };
  }

  @Override
  public PCollection<Long> expand(PCollection<String> rows) {
    return rows.apply("Count", Count.globally())
        .apply("Refuse empty", ParDo.of(new RefuseFn(dataset)));
  }

  static class RefuseFn extends DoFn<Long, Long> {
    private static final long serialVersionUID = 1L;
    private final String dataset;
    private final Counter rows;

    RefuseFn(String dataset) {
      this.dataset = dataset;
      this.rows = Metrics.counter(COUNTERS, dataset);
    }

    @ProcessElement
    public void processElement(@Element Long count, OutputReceiver<Long> out) {
      if (count == 0) {
        throw new BadDataException(refusal(dataset));
      }
      rows.inc(count);
      out.output(count);
    }
  }
}
