package gov.austintexas.atd.pipelines.s3toknack;

import gov.austintexas.atd.transforms.BadDataException;
import gov.austintexas.atd.transforms.json.JsonBytes;
import gov.austintexas.atd.transforms.knack.KnackWrite;
import org.apache.beam.sdk.transforms.Count;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionView;

/**
 * Holds a plan's writes until the share of Knack records it would update (or create) is checked,
 * and fails the run, before any write is sent, when that share is above the {@link ShareLimit}. The
 * mass-update and mass-create rails are this transform, each with its limit.
 *
 * <p>The verdict is a side input of the step that passes the writes on, so no runner can start that
 * step before the check has succeeded: both counts are global, hence ready only once the Knack read
 * and the diff are complete, and a check that throws leaves the side input empty and ends the run.
 * Running the check beside the writes would not do: the first batches could go out before it fails.
 */
class RefuseMassChange extends PTransform<PCollection<KnackWrite>, PCollection<KnackWrite>> {
  private static final long serialVersionUID = 1L;

  private final transient PCollection<KnackWrite> counted;
  private final transient PCollection<KV<String, JsonBytes>> knackRecords;
  private final ShareLimit limit;
  private final String run;
  private final String advice;

  /**
   * @param counted the plan's updates, or its creates: the writes the limit is about
   * @param knackRecords every record read from the Knack object
   * @param run what is published where, to begin the message
   * @param advice what the operator can do, to end it
   */
  RefuseMassChange(
      PCollection<KnackWrite> counted,
      PCollection<KV<String, JsonBytes>> knackRecords,
      ShareLimit limit,
      String run,
      String advice) {
    this.counted = counted;
    this.knackRecords = knackRecords;
    this.limit = limit;
    this.run = run;
    this.advice = advice;
  }

  @Override
  public PCollection<KnackWrite> expand(PCollection<KnackWrite> writes) {
    PCollectionView<Long> knackRecordCount =
        knackRecords
            .apply("Count Knack records", Count.globally())
            .apply("Knack record count", View.asSingleton());
    PCollectionView<Long> checked =
        counted
            .apply("Count writes", Count.globally())
            .apply(
                "Check the share",
                ParDo.of(new CheckShareFn(knackRecordCount, limit, run, advice))
                    .withSideInputs(knackRecordCount))
            .apply("Verdict", View.asSingleton());
    return writes
        .apply("Hold until checked", ParDo.of(new HoldFn(checked)).withSideInputs(checked))
        .setCoder(writes.getCoder());
  }

  /** Passes the count on when it is within the limit; otherwise fails the run. */
  static class CheckShareFn extends DoFn<Long, Long> {
    private static final long serialVersionUID = 1L;
    private final PCollectionView<Long> knackRecordCount;
    private final ShareLimit limit;
    private final String run;
    private final String advice;

    CheckShareFn(
        PCollectionView<Long> knackRecordCount, ShareLimit limit, String run, String advice) {
      this.knackRecordCount = knackRecordCount;
      this.limit = limit;
      this.run = run;
      this.advice = advice;
    }

    @ProcessElement
    public void processElement(ProcessContext context) {
      long writes = context.element();
      long knackRecords = context.sideInput(knackRecordCount);
      if (limit.exceededBy(writes, knackRecords)) {
        throw new BadDataException(
            run + ": " + limit.describe(writes, knackRecords) + "; " + advice);
      }
      context.output(writes);
    }
  }

  /** Passes each write on, but only once the check's verdict is there to read. */
  static class HoldFn extends DoFn<KnackWrite, KnackWrite> {
    private static final long serialVersionUID = 1L;
    private final PCollectionView<Long> checked;

    HoldFn(PCollectionView<Long> checked) {
      this.checked = checked;
    }

    @ProcessElement
    public void processElement(ProcessContext context) {
      context.sideInput(checked);
      context.output(context.element());
    }
  }
}
