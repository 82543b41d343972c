package gov.austintexas.atd.transforms.totals;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.apache.beam.sdk.coders.CannotProvideCoderException;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CoderRegistry;
import org.apache.beam.sdk.coders.ListCoder;
import org.apache.beam.sdk.transforms.Combine.CombineFn;

/**
 * Running totals of one series: every point comes out with the totals of its amounts over all
 * points at or before it, in order of position, then tiebreak.
 *
 * <p>Each point needs its own total, so the accumulator keeps the points; merging accumulators is
 * concatenation and the order is restored only in {@link #extractOutput}. The result therefore does
 * not depend on how a runner splits a series across workers or in which order partial accumulators
 * meet.
 */
public class RunningTotalsFn<T>
    extends CombineFn<SeriesPoint<T>, List<SeriesPoint<T>>, List<Totalled<T>>> {
  private static final long serialVersionUID = 1L;
  private static final Comparator<SeriesPoint<?>> SERIES_ORDER =
      Comparator.<SeriesPoint<?>, String>comparing(SeriesPoint::position)
          .thenComparingLong(SeriesPoint::tiebreak);

  @Override
  public List<SeriesPoint<T>> createAccumulator() {
    return new ArrayList<>();
  }

  @Override
  public List<SeriesPoint<T>> addInput(List<SeriesPoint<T>> points, SeriesPoint<T> point) {
    points.add(point);
    return points;
  }

  @Override
  public List<SeriesPoint<T>> mergeAccumulators(Iterable<List<SeriesPoint<T>>> accumulators) {
    List<SeriesPoint<T>> merged = new ArrayList<>();
    accumulators.forEach(merged::addAll);
    return merged;
  }

  @Override
  public List<Totalled<T>> extractOutput(List<SeriesPoint<T>> points) {
    return totals(points);
  }

  /**
   * The points of one series in order, each with the running totals up to and including it: for a
   * step that already holds a whole series (e.g. in a bucket after a GroupByKey).
   */
  public static <T> List<Totalled<T>> totals(List<SeriesPoint<T>> points) {
    List<SeriesPoint<T>> ordered = new ArrayList<>(points);
    ordered.sort(SERIES_ORDER);
    List<Totalled<T>> totalled = new ArrayList<>(ordered.size());
    BigDecimal[] running = null;
    for (SeriesPoint<T> point : ordered) {
      List<BigDecimal> amounts = point.amounts();
      if (running == null) {
        running = new BigDecimal[amounts.size()];
        Arrays.fill(running, BigDecimal.ZERO);
      }
      if (amounts.size() != running.length) {
        throw new IllegalArgumentException(
            "every point of a series needs "
                + running.length
                + " amounts, got "
                + amounts
                + " at "
                + point.position());
      }
      BigDecimal[] totals = new BigDecimal[amounts.size()];
      for (int i = 0; i < totals.length; i++) {
        BigDecimal amount = amounts.get(i);
        if (amount != null) {
          running[i] = running[i].add(amount);
          totals[i] = running[i];
        }
      }
      totalled.add(new Totalled<>(point.value(), Arrays.asList(totals)));
    }
    return totalled;
  }

  @Override
  public Coder<List<SeriesPoint<T>>> getAccumulatorCoder(
      CoderRegistry registry, Coder<SeriesPoint<T>> inputCoder) {
    return ListCoder.of(inputCoder);
  }

  @Override
  public Coder<List<Totalled<T>>> getDefaultOutputCoder(
      CoderRegistry registry, Coder<SeriesPoint<T>> inputCoder) throws CannotProvideCoderException {
    if (!(inputCoder instanceof SeriesPointCoder<T> points)) {
      throw new CannotProvideCoderException(
          "RunningTotalsFn needs its input encoded with SeriesPointCoder");
    }
    return ListCoder.of(TotalledCoder.of(points.valueCoder()));
  }
}
