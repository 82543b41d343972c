package gov.austintexas.atd.transforms.validation;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.regex.Pattern;

/**
 * Turns one CSV cell into its column's value, or says why it cannot. Numbers are exact decimals
 * (never binary floating point); dates are {@code MM/DD/YYYY}, one-digit months and days allowed.
 */
final class CellParser {
  private static final Pattern DECIMAL =
      Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");
  private static final DateTimeFormatter US_DATE =
      DateTimeFormatter.ofPattern("M/d/uuuu").withResolverStyle(ResolverStyle.STRICT);

  /** A value, or the reason there is none. */
  record Parsed(Object value, String problem) {
    static Parsed ok(Object value) {
      return new Parsed(value, null);
    }

    static Parsed invalid(String problem) {
      return new Parsed(null, problem);
    }
  }

  private CellParser() {}

  static Parsed parse(ColumnSpec column, String cell) {
    if (cell.isEmpty()) {
      return column.required() ? Parsed.invalid("a value is required") : Parsed.ok(null);
    }
    return switch (column.type()) {
      case TEXT -> Parsed.ok(cell);
      case DATE -> date(cell.strip());
      case INT -> whole(column, cell.strip());
      case NUMERIC -> decimal(column, cell.strip());
    };
  }

  private static Parsed date(String cell) {
    try {
      return Parsed.ok(LocalDate.parse(cell, US_DATE));
    } catch (DateTimeParseException e) {
      return Parsed.invalid("not a date in MM/DD/YYYY form");
    }
  }

  private static Parsed whole(ColumnSpec column, String cell) {
    Parsed number = decimal(column, cell);
    if (number.problem() != null) {
      return number;
    }
    BigDecimal value = (BigDecimal) number.value();
    try {
      return Parsed.ok(value.intValueExact());
    } catch (ArithmeticException e) {
      return Parsed.invalid("not a whole number from -2147483648 to 2147483647");
    }
  }

  private static Parsed decimal(ColumnSpec column, String cell) {
    if (!DECIMAL.matcher(cell).matches()) {
      return Parsed.invalid("not a number");
    }
    BigDecimal value = new BigDecimal(cell);
    if ((column.wholeNumbers() || column.type() == ColumnType.INT)
        && value.stripTrailingZeros().scale() > 0) {
      return Parsed.invalid("not a whole number");
    }
    if (column.greaterThan() != null && value.compareTo(column.greaterThan()) <= 0) {
      return Parsed.invalid("must be greater than " + column.greaterThan().toPlainString());
    }
    if (column.lessThan() != null && value.compareTo(column.lessThan()) >= 0) {
      return Parsed.invalid("must be less than " + column.lessThan().toPlainString());
    }
    return Parsed.ok(value);
  }
}
