package gov.austintexas.atd.transforms.jdbc;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import java.io.IOException;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import org.apache.beam.sdk.io.jdbc.JdbcIO;

/**
 * Maps the current row of a result set to one JSON object, keyed by the column labels exactly as
 * the database reports them, in query order.
 *
 * <p>Value rules of the finance extract: numbers are exact decimals, written as integers when
 * integral ({@code 2400}) and as plain decimals otherwise ({@code 1234.56}, never {@code
 * 1.23456E3}); text is a string; SQL NULL is {@code null}; dates and times are ISO-8601 strings.
 */
public class JsonObjectRowMapper implements JdbcIO.RowMapper<String> {
  private static final long serialVersionUID = 1L;

  /** Oracle's TIMESTAMP WITH TIME ZONE and WITH LOCAL TIME ZONE type codes (OracleTypes). */
  private static final int ORACLE_TIMESTAMPTZ = -101;

  private static final int ORACLE_TIMESTAMPLTZ = -102;

  /** Significant digits that always fit in a long. */
  private static final int LONG_DIGITS = 18;

  private static final JsonFactory JSON =
      JsonFactory.builder().enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN).build();

  // Column labels and types are read once per result set, not once per row.
  private transient ResultSet columnsOf;
  private transient String[] labels;
  private transient int[] types;

  @Override
  public String mapRow(ResultSet row) throws Exception {
    Object[] values = values(row);
    StringWriter out = new StringWriter(256);
    try (JsonGenerator json = JSON.createGenerator(out)) {
      write(json, values);
    }
    return out.toString();
  }

  /**
   * The current row's values by the value rules, ready for {@link #write}: a {@link BigDecimal} for
   * a number, a {@link Boolean}, a {@link String} for text, dates and times, or null. Reading and
   * writing are apart so that one thread can read the cursor while another writes JSON ({@link
   * QueryRows}); the labels {@link #write} uses are those of the last result set read here.
   */
  public Object[] values(ResultSet row) throws SQLException {
    if (row != columnsOf) {
      readColumns(row.getMetaData());
      columnsOf = row;
    }
    Object[] values = new Object[types.length];
    for (int i = 0; i < types.length; i++) {
      values[i] = value(row, i + 1, types[i]);
    }
    return values;
  }

  /** Writes one row's {@link #values} as one JSON object. */
  public void write(JsonGenerator json, Object[] values) throws IOException {
    json.writeStartObject();
    for (int i = 0; i < labels.length; i++) {
      json.writeFieldName(labels[i]);
      Object value = values[i];
      if (value == null) {
        json.writeNull();
      } else if (value instanceof BigDecimal number) {
        writeNumber(json, number);
      } else if (value instanceof Boolean flag) {
        json.writeBoolean(flag);
      } else {
        json.writeString((String) value);
      }
    }
    json.writeEndObject();
  }

  /** A generator factory with the number rule {@link #write} needs (no exponent). */
  public static JsonFactory jsonFactory() {
    return JSON;
  }

  private void readColumns(ResultSetMetaData metadata) throws SQLException {
    int count = metadata.getColumnCount();
    labels = new String[count];
    types = new int[count];
    for (int i = 0; i < count; i++) {
      labels[i] = metadata.getColumnLabel(i + 1);
      types[i] = metadata.getColumnType(i + 1);
    }
  }

  private static Object value(ResultSet row, int column, int type) throws SQLException {
    switch (type) {
      case Types.NUMERIC:
      case Types.DECIMAL:
      case Types.INTEGER:
      case Types.BIGINT:
      case Types.SMALLINT:
      case Types.TINYINT:
        return row.getBigDecimal(column);
      case Types.FLOAT:
      case Types.DOUBLE:
      case Types.REAL:
        return binaryFloatAsDecimal(row.getObject(column));
      case Types.BOOLEAN:
      case Types.BIT:
        boolean flag = row.getBoolean(column);
        return row.wasNull() ? null : flag;
      case Types.DATE:
        return text(row.getObject(column, LocalDate.class));
      case Types.TIME:
        return text(row.getObject(column, LocalTime.class));
      case Types.TIMESTAMP:
      case ORACLE_TIMESTAMPLTZ:
        LocalDateTime timestamp = row.getObject(column, LocalDateTime.class);
        return timestamp == null ? null : DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(timestamp);
      case Types.TIMESTAMP_WITH_TIMEZONE:
      case ORACLE_TIMESTAMPTZ:
        OffsetDateTime instant = row.getObject(column, OffsetDateTime.class);
        return instant == null ? null : DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(instant);
      default:
        return row.getString(column);
    }
  }

  /** Writes an exact decimal: integral values as integers, others without trailing zeros. */
  static void writeNumber(JsonGenerator json, BigDecimal value) throws IOException {
    if (value == null) {
      json.writeNull();
      return;
    }
    BigDecimal canonical = value.stripTrailingZeros();
    int scale = canonical.scale();
    if (scale >= 0 && canonical.precision() <= LONG_DIGITS) {
      // Up to 18 digits: those of a long, with the point put in by hand, are what
      // toPlainString gives, without its intermediate strings.
      writePlain(json, canonical.movePointRight(scale).longValue(), scale);
    } else if (scale <= 0) {
      json.writeNumber(canonical.toBigIntegerExact());
    } else {
      json.writeNumber(canonical);
    }
  }

  /** {@code unscaled × 10^-scale} in plain notation, for |unscaled| < 10^18 and scale ≥ 0. */
  private static void writePlain(JsonGenerator json, long unscaled, int scale) throws IOException {
    if (scale == 0) {
      json.writeNumber(unscaled);
      return;
    }
    char[] text = new char[LONG_DIGITS + scale + 3];
    int end = text.length;
    int at = end;
    long rest = Math.abs(unscaled);
    for (int i = 0; i < scale; i++) {
      text[--at] = (char) ('0' + rest % 10);
      rest /= 10;
    }
    text[--at] = '.';
    do {
      text[--at] = (char) ('0' + rest % 10);
      rest /= 10;
    } while (rest != 0);
    if (unscaled < 0) {
      text[--at] = '-';
    }
    json.writeNumber(text, at, end - at);
  }

  /** A binary float becomes the shortest decimal that reads back as it, so 0.1 stays 0.1. */
  private static BigDecimal binaryFloatAsDecimal(Object value) {
    if (value == null) {
      return null;
    }
    if (value instanceof BigDecimal) {
      return (BigDecimal) value;
    }
    if (value instanceof Float) {
      return new BigDecimal(Float.toString((Float) value));
    }
    return BigDecimal.valueOf(((Number) value).doubleValue());
  }

  private static String text(Object value) {
    return value == null ? null : value.toString();
  }
}
