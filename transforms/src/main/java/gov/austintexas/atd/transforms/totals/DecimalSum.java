package gov.austintexas.atd.transforms.totals;

import java.math.BigDecimal;
import org.apache.beam.sdk.transforms.Combine;

/** The exact sum of decimals (Beam's {@code Sum} has only binary-float and integer forms). */
public class DecimalSum extends Combine.BinaryCombineFn<BigDecimal> {
  private static final long serialVersionUID = 1L;

  public static DecimalSum of() {
    return new DecimalSum();
  }

  @Override
  public BigDecimal apply(BigDecimal left, BigDecimal right) {
    return left.add(right);
  }

  @Override
  public BigDecimal identity() {
    return BigDecimal.ZERO;
  }
}
