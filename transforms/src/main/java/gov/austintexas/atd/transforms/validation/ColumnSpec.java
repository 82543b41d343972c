package gov.austintexas.atd.transforms.validation;

import java.io.Serializable;
import java.math.BigDecimal;

/**
 * One column of a table fed from a CSV: the CSV column it comes from, its name and type in the
 * table, whether a value is required, whether a numeric must be a whole number, and an optional
 * lower and upper bound (exclusive: {@code fiscal_year > 2000}).
 */
public record ColumnSpec(
    String csvName,
    String name,
    ColumnType type,
    boolean required,
    boolean wholeNumbers,
    BigDecimal greaterThan,
    BigDecimal lessThan)
    implements Serializable {

  public static ColumnSpec of(String csvName, String name, ColumnType type, boolean required) {
    return new ColumnSpec(csvName, name, type, required, false, null, null);
  }

  public ColumnSpec wholeNumbersOnly() {
    return new ColumnSpec(csvName, name, type, required, true, greaterThan, lessThan);
  }

  public ColumnSpec greaterThan(BigDecimal bound) {
    return new ColumnSpec(csvName, name, type, required, wholeNumbers, bound, lessThan);
  }

  public ColumnSpec lessThan(BigDecimal bound) {
    return new ColumnSpec(csvName, name, type, required, wholeNumbers, greaterThan, bound);
  }
}
