package gov.austintexas.atd.transforms.totals;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * A value with the running totals of its series up to and including it, one per amount of its
 * {@link SeriesPoint}; a total is {@code null} where the point's own amount was empty.
 */
public final class Totalled<T> {
  private final T value;
  private final List<BigDecimal> totals;

  public Totalled(T value, List<BigDecimal> totals) {
    this.value = value;
    this.totals = Collections.unmodifiableList(totals);
  }

  public T value() {
    return value;
  }

  public List<BigDecimal> totals() {
    return totals;
  }

  public BigDecimal total(int amount) {
    return totals.get(amount);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Totalled<?> that
        && Objects.equals(value, that.value)
        && totals.equals(that.totals);
  }

  @Override
  public int hashCode() {
    return Objects.hash(value, totals);
  }

  @Override
  public String toString() {
    return "Totalled[" + value + " " + totals + "]";
  }
}
