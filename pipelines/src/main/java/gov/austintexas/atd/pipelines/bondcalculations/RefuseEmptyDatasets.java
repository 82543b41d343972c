package gov.austintexas.atd.pipelines.bondcalculations;

import gov.austintexas.atd.pipelines.bondcalculations.BondDatasets.Dataset;
import gov.austintexas.atd.transforms.BadDataException;
import gov.austintexas.atd.transforms.io.PublishGuard;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.Sum;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TypeDescriptor;

/**
 * Counts every computed dataset in one grouping and fails the run when one has no rows: an empty
 * calculation is a broken input, and publishing it would blank the dashboard. The output is a view
 * of the counts by dataset id that exists only once every count has passed, so a step that takes it
 * as a side input ({@link AfterEveryDatasetIsCounted}) publishes nothing when one is refused.
 *
 * <p>One Combine for the seven datasets, rather than a {@code Count.globally} and a {@code Wait.on}
 * of each: on the DirectRunner every grouping and side input costs bundles, and those were most of
 * a run. Every dataset id enters the Combine with a count of 0 of its own, so an empty dataset
 * still has a key. A dataset whose rows were written into its file's parts as they were made
 * ({@link BondDatasets#parts}) is counted from the parts.
 */
class RefuseEmptyDatasets extends PTransform<PCollectionTuple, PCollectionView<Map<String, Long>>> {
  private static final long serialVersionUID = 1L;
  static final String COUNTERS = "bond-calculations";
  private final Map<Dataset, String> datasetIds;

  RefuseEmptyDatasets(Map<Dataset, String> datasetIds) {
    this.datasetIds = datasetIds;
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
  public PCollectionView<Map<String, Long>> expand(PCollectionTuple datasets) {
    KvCoder<String, Long> coder = KvCoder.of(StringUtf8Coder.of(), VarLongCoder.of());
    List<KV<String, Long>> none = new ArrayList<>();
    datasetIds.values().forEach(id -> none.add(KV.of(id, 0L)));
    PCollectionList<KV<String, Long>> ones =
        PCollectionList.of(
            datasets.getPipeline().apply("Every dataset", Create.of(none).withCoder(coder)));
    for (Map.Entry<Dataset, String> dataset : datasetIds.entrySet()) {
      String id = dataset.getValue();
      TupleTag<KV<String, Long>> parts = BondDatasets.parts(dataset.getKey());
      ones =
          ones.and(
              datasets.has(parts)
                  ? datasets
                      .get(parts)
                      .apply(
                          "The rows of each part of " + id,
                          MapElements.into(new TypeDescriptor<KV<String, Long>>() {})
                              .via(part -> KV.of(id, part.getValue())))
                      .setCoder(coder)
                  : datasets
                      .get(BondDatasets.tag(dataset.getKey()))
                      .apply(
                          "One for each row of " + id,
                          MapElements.into(new TypeDescriptor<KV<String, Long>>() {})
                              .via(row -> KV.of(id, 1L)))
                      .setCoder(coder));
    }
    return ones.apply("All rows", Flatten.pCollections())
        .apply("Rows per dataset", Sum.longsPerKey())
        .apply("Refuse an empty dataset", ParDo.of(new RefuseFn()))
        .setCoder(coder)
        .apply("Counts", View.asMap());
  }

  static class RefuseFn extends DoFn<KV<String, Long>, KV<String, Long>> {
    private static final long serialVersionUID = 1L;

    @ProcessElement
    public void processElement(
        @Element KV<String, Long> count, OutputReceiver<KV<String, Long>> out) {
      if (count.getValue() == 0) {
        throw new BadDataException(refusal(count.getKey()));
      }
      Metrics.counter(COUNTERS, count.getKey()).inc(count.getValue());
      out.output(count);
    }
  }
}
