package gov.austintexas.atd.transforms.knack;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Knack's stored form of a currency: thousands separators, two decimals, no {@code $}. */
public final class KnackCurrency {
  private KnackCurrency() {}

  /**
   * {@code 1234.5} → {@code "1,234.50"}, {@code -1234.5} → {@code "-1,234.50"}; half-up on the
   * cent.
   */
  public static String format(BigDecimal amount) {
    BigDecimal cents = amount.setScale(2, RoundingMode.HALF_UP);
    String digits = cents.abs().toPlainString();
    int point = digits.indexOf('.');
    StringBuilder text = new StringBuilder(digits.length() + digits.length() / 3 + 1);
    if (cents.signum() < 0) {
      text.append('-');
    }
    for (int i = 0; i < point; i++) {
      if (i > 0 && (point - i) % 3 == 0) {
        text.append(',');
      }
      text.append(digits.charAt(i));
    }
    return text.append(digits, point, digits.length()).toString();
  }

  /** Reads {@code "1,234.50"} or {@code "1234.5"} back as a decimal. */
  public static BigDecimal parse(String text) {
    return new BigDecimal(text.strip().replace(",", "").replace("$", ""));
  }
}
