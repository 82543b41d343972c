package gov.austintexas.atd.transforms.totals;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * One value of a series for {@link RunningTotals}: where it sorts in the series, the amounts to
 * total, and the value it carries through.
 *
 * <p>{@code position} orders the series (an ISO date, or any text that sorts chronologically);
 * {@code tiebreak} orders points of equal position, e.g. their input order. An amount may be {@code
 * null}: it is empty, adds nothing, and its own running total is empty.
 */
public final class SeriesPoint<T> {
  private final String position;
  private final long tiebreak;
  private final List<BigDecimal> amounts;
  private final T value;

  public SeriesPoint(String position, long tiebreak, List<BigDecimal> amounts, T value) {
    this.position = Objects.requireNonNull(position, "position");
    this.tiebreak = tiebreak;
    this.amounts = Collections.unmodifiableList(amounts);
    this.value = value;
  }

  public String position() {
    return position;
  }

  public long tiebreak() {
    return tiebreak;
  }

  public List<BigDecimal> amounts() {
    return amounts;
  }

  public T value() {
    return value;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof SeriesPoint<?> that
        && position.equals(that.position)
        && tiebreak == that.tiebreak
        && amounts.equals(that.amounts)
        && Objects.equals(value, that.value);
  }

  @Override
  public int hashCode() {
    return Objects.hash(position, tiebreak, amounts, value);
  }

  @Override
  public String toString() {
    return "SeriesPoint[" + position + "#" + tiebreak + " " + amounts + " " + value + "]";
  }
}
