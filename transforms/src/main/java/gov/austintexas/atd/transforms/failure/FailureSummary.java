package gov.austintexas.atd.transforms.failure;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CoderRegistry;
import org.apache.beam.sdk.coders.ListCoder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.transforms.Combine;

/** How many failures there were, and the first few of them in {@link Failure#IN_FILE_ORDER}. */
public record FailureSummary(long total, List<Failure> first) implements Serializable {
  public static final FailureSummary NONE = new FailureSummary(0, List.of());

  /** Counts every failure and keeps the first {@code keep}: a bad file costs no memory. */
  public static Combine.CombineFn<Failure, FailureSummary, FailureSummary> keepingFirst(int keep) {
    return new SummarizeFn(keep);
  }

  /** Whether some failure is an outage: a rerun may succeed. */
  public boolean anyOutage() {
    return first.stream().anyMatch(Failure::outage);
  }

  private static FailureSummary merge(int keep, long total, List<Failure> failures) {
    List<Failure> sorted = new ArrayList<>(failures);
    sorted.sort(Failure.IN_FILE_ORDER);
    return new FailureSummary(total, List.copyOf(sorted.subList(0, Math.min(keep, sorted.size()))));
  }

  static final class SummarizeFn
      extends Combine.CombineFn<Failure, FailureSummary, FailureSummary> {
    private static final long serialVersionUID = 1L;
    private final int keep;

    SummarizeFn(int keep) {
      this.keep = keep;
    }

    @Override
    public FailureSummary createAccumulator() {
      return NONE;
    }

    @Override
    public FailureSummary addInput(FailureSummary summary, Failure failure) {
      List<Failure> failures = new ArrayList<>(summary.first());
      failures.add(failure);
      return merge(keep, summary.total() + 1, failures);
    }

    @Override
    public FailureSummary mergeAccumulators(Iterable<FailureSummary> summaries) {
      long total = 0;
      List<Failure> failures = new ArrayList<>();
      for (FailureSummary summary : summaries) {
        total += summary.total();
        failures.addAll(summary.first());
      }
      return merge(keep, total, failures);
    }

    @Override
    public FailureSummary extractOutput(FailureSummary summary) {
      return summary;
    }

    @Override
    public Coder<FailureSummary> getAccumulatorCoder(
        CoderRegistry registry, Coder<Failure> inputCoder) {
      return SummaryCoder.INSTANCE;
    }

    @Override
    public Coder<FailureSummary> getDefaultOutputCoder(
        CoderRegistry registry, Coder<Failure> inputCoder) {
      return SummaryCoder.INSTANCE;
    }
  }

  public static final class SummaryCoder extends AtomicCoder<FailureSummary> {
    private static final long serialVersionUID = 1L;
    static final SummaryCoder INSTANCE = new SummaryCoder();
    private static final ListCoder<Failure> FAILURES = ListCoder.of(Failure.Coder.of());

    public static SummaryCoder of() {
      return INSTANCE;
    }

    @Override
    public void encode(FailureSummary summary, OutputStream out) throws IOException {
      VarLongCoder.of().encode(summary.total(), out);
      FAILURES.encode(summary.first(), out);
    }

    @Override
    public FailureSummary decode(InputStream in) throws IOException {
      return new FailureSummary(VarLongCoder.of().decode(in), FAILURES.decode(in));
    }
  }
}
