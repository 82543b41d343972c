package gov.austintexas.atd.transforms.validation;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CoderRegistry;
import org.apache.beam.sdk.coders.ListCoder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.transforms.Combine;

/** How many problems there were, and the first few of them in file and line order. */
public record InvalidRowSummary(long total, List<InvalidRow> first) implements Serializable {
  private static final Comparator<InvalidRow> ORDER =
      Comparator.comparing(InvalidRow::file)
          .thenComparingLong(InvalidRow::line)
          .thenComparing(InvalidRow::column, Comparator.nullsFirst(Comparator.naturalOrder()))
          .thenComparing(InvalidRow::reason);

  public static final InvalidRowSummary NONE = new InvalidRowSummary(0, List.of());

  /** Counts every problem and keeps the first {@code keep}: a bad file costs no memory. */
  public static Combine.CombineFn<InvalidRow, InvalidRowSummary, InvalidRowSummary> keepingFirst(
      int keep) {
    return new SummarizeFn(keep);
  }

  private static InvalidRowSummary merge(int keep, long total, List<InvalidRow> rows) {
    List<InvalidRow> sorted = new ArrayList<>(rows);
    sorted.sort(ORDER);
    return new InvalidRowSummary(
        total, List.copyOf(sorted.subList(0, Math.min(keep, sorted.size()))));
  }

  static final class SummarizeFn
      extends Combine.CombineFn<InvalidRow, InvalidRowSummary, InvalidRowSummary> {
    private static final long serialVersionUID = 1L;
    private final int keep;

    SummarizeFn(int keep) {
      this.keep = keep;
    }

    @Override
    public InvalidRowSummary createAccumulator() {
      return NONE;
    }

    @Override
    public InvalidRowSummary addInput(InvalidRowSummary summary, InvalidRow row) {
      List<InvalidRow> rows = new ArrayList<>(summary.first());
      rows.add(row);
      return merge(keep, summary.total() + 1, rows);
    }

    @Override
    public InvalidRowSummary mergeAccumulators(Iterable<InvalidRowSummary> summaries) {
      long total = 0;
      List<InvalidRow> rows = new ArrayList<>();
      for (InvalidRowSummary summary : summaries) {
        total += summary.total();
        rows.addAll(summary.first());
      }
      return merge(keep, total, rows);
    }

    @Override
    public InvalidRowSummary extractOutput(InvalidRowSummary summary) {
      return summary;
    }

    @Override
    public Coder<InvalidRowSummary> getAccumulatorCoder(
        CoderRegistry registry, Coder<InvalidRow> inputCoder) {
      return SummaryCoder.INSTANCE;
    }

    @Override
    public Coder<InvalidRowSummary> getDefaultOutputCoder(
        CoderRegistry registry, Coder<InvalidRow> inputCoder) {
      return SummaryCoder.INSTANCE;
    }
  }

  public static final class SummaryCoder extends AtomicCoder<InvalidRowSummary> {
    private static final long serialVersionUID = 1L;
    static final SummaryCoder INSTANCE = new SummaryCoder();
    private static final ListCoder<InvalidRow> ROWS = ListCoder.of(InvalidRow.Coder.of());

    public static SummaryCoder of() {
      return INSTANCE;
    }

    @Override
    public void encode(InvalidRowSummary summary, OutputStream out) throws IOException {
      VarLongCoder.of().encode(summary.total(), out);
      ROWS.encode(summary.first(), out);
    }

    @Override
    public InvalidRowSummary decode(InputStream in) throws IOException {
      return new InvalidRowSummary(VarLongCoder.of().decode(in), ROWS.decode(in));
    }
  }
}
