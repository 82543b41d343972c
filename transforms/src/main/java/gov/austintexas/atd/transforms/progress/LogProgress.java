package gov.austintexas.atd.transforms.progress;

import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;

/**
 * Passes every element through unchanged, in the same bundle and order (a plain ParDo, so runners
 * fuse it with its producer: no shuffle), counting them into a {@link ProgressLog}. For steps
 * whose own DoFn is not ours to instrument.
 */
public final class LogProgress<T> extends PTransform<PCollection<T>, PCollection<T>> {
  private static final long serialVersionUID = 1L;
  private final ProgressLog progress;

  private LogProgress(ProgressLog progress) {
    this.progress = progress;
  }

  public static <T> LogProgress<T> with(ProgressLog progress) {
    return new LogProgress<>(progress);
  }

  @Override
  public PCollection<T> expand(PCollection<T> input) {
    return input.apply(ParDo.of(new CountFn<T>(progress))).setCoder(input.getCoder());
  }

  static class CountFn<T> extends DoFn<T, T> {
    private static final long serialVersionUID = 1L;
    private final ProgressLog progress;

    CountFn(ProgressLog progress) {
      this.progress = progress;
    }

    @ProcessElement
    public void processElement(@Element T element, OutputReceiver<T> out) {
      progress.add(1);
      out.output(element);
    }

    @Teardown
    public void teardown() {
      progress.finish();
    }
  }
}
