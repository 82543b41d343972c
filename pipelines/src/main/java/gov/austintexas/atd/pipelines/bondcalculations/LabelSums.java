package gov.austintexas.atd.pipelines.bondcalculations;

import java.io.Serializable;
import java.math.BigDecimal;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CoderRegistry;
import org.apache.beam.sdk.coders.DefaultCoder;
import org.apache.beam.sdk.transforms.Combine.CombineFn;

/**
 * The Expenses, Baseline and Planned sums of one dashboard id in one summary table, per column
 * label: the summary tables' fiscal-month grouping as a Combine. A sum is {@code null} until an
 * amount of its kind arrives, which is how a key with no Baseline (say) stays empty rather than 0.
 */
@DefaultCoder(BondCoders.LabelSumsCoder.class)
final class LabelSums implements Serializable {
  private static final long serialVersionUID = 1L;

  /** What a sum adds up: the summary table's three amount columns. */
  enum Kind {
    EXPENSES,
    BASELINE,
    PLANNED
  }

  /** One amount of one kind under one label; an empty amount still makes its sum exist. */
  @DefaultCoder(BondCoders.AmountCoder.class)
  record Amount(TableCol col, Kind kind, BigDecimal amount) implements Serializable {}

  /** Per label, the sum of each kind that has arrived (a kind with no amount is absent, not 0). */
  final HashMap<TableCol, EnumMap<Kind, BigDecimal>> sums = new HashMap<>();

  void add(TableCol col, Kind kind, BigDecimal amount) {
    BigDecimal value = amount == null ? BigDecimal.ZERO : amount;
    sums.computeIfAbsent(col, c -> new EnumMap<>(Kind.class)).merge(kind, value, BigDecimal::add);
  }

  Map<TableCol, EnumMap<Kind, BigDecimal>> byLabel() {
    return sums;
  }

  static class Fn extends CombineFn<Amount, LabelSums, LabelSums> {
    private static final long serialVersionUID = 1L;

    @Override
    public LabelSums createAccumulator() {
      return new LabelSums();
    }

    @Override
    public LabelSums addInput(LabelSums sums, Amount amount) {
      sums.add(amount.col(), amount.kind(), amount.amount());
      return sums;
    }

    @Override
    public LabelSums mergeAccumulators(Iterable<LabelSums> accumulators) {
      LabelSums merged = new LabelSums();
      for (LabelSums part : accumulators) {
        part.sums.forEach(
            (col, values) -> values.forEach((kind, sum) -> merged.add(col, kind, sum)));
      }
      return merged;
    }

    @Override
    public LabelSums extractOutput(LabelSums sums) {
      return sums;
    }

    @Override
    public Coder<LabelSums> getAccumulatorCoder(CoderRegistry registry, Coder<Amount> inputCoder) {
      return BondCoders.LabelSumsCoder.of();
    }
  }
}
