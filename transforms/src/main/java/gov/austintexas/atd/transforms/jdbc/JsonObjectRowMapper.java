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

  private static final JsonFactory JSON =
      JsonFactory.builder().enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN).build();

  // Column labels and types are read once per result set, not once per row.
  private transient ResultSet columnsOf;
  private transient String[] labels;
  private transient int[] types;

  @Override
  public String mapRow(ResultSet row) throws Exception {
    if (row != columnsOf) {
      readColumns(row.getMetaData());
      columnsOf = row;
    }
    StringWriter out = new StringWriter(256);
    try (JsonGenerator json = JSON.createGenerator(out)) {
      json.writeStartObject();
      for (int i = 0; i < labels.length; i++) {
        json.writeFieldName(labels[i]);
        writeValue(json, row, i + 1, types[i]);
      }
      json.writeEndObject();
    }
    return out.toString();
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

  private static void writeValue(JsonGenerator json, ResultSet row, int column, int type)
      throws SQLException, IOException {
    switch (type) {
      case Types.NUMERIC:
      case Types.DECIMAL:
      case Types.INTEGER:
      case Types.BIGINT:
      case Types.SMALLINT:
      case Types.TINYINT:
        writeNumber(json, row.getBigDecimal(column));
        break;
      case Types.FLOAT:
      case Types.DOUBLE:
      case Types.REAL:
        writeNumber(json, binaryFloatAsDecimal(row.getObject(column)));
        break;
      case Types.BOOLEAN:
      case Types.BIT:
        boolean flag = row.getBoolean(column);
        if (row.wasNull()) {
          json.writeNull();
        } else {
          json.writeBoolean(flag);
        }
        break;
      case Types.DATE:
        writeText(json, row.getObject(column, LocalDate.class));
        break;
      case Types.TIME:
        writeText(json, row.getObject(column, LocalTime.class));
        break;
      case Types.TIMESTAMP:
      case ORACLE_TIMESTAMPLTZ:
        LocalDateTime timestamp = row.getObject(column, LocalDateTime.class);
        json.writeString(
            timestamp == null ? null : DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(timestamp));
        break;
      case Types.TIMESTAMP_WITH_TIMEZONE:
      case ORACLE_TIMESTAMPTZ:
        OffsetDateTime instant = row.getObject(column, OffsetDateTime.class);
        json.writeString(
            instant == null ? null : DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(instant));
        break;
      default:
        json.writeString(row.getString(column));
    }
  }

  /** Writes an exact decimal: integral values as integers, others without trailing zeros. */
  static void writeNumber(JsonGenerator json, BigDecimal value) throws IOException {
    if (value == null) {
      json.writeNull();
      return;
    }
    BigDecimal canonical = value.stripTrailingZeros();
    if (canonical.scale() <= 0) {
      json.writeNumber(canonical.toBigIntegerExact());
    } else {
      json.writeNumber(canonical);
    }
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

  private static void writeText(JsonGenerator json, Object value) throws IOException {
    json.writeString(value == null ? null : value.toString());
  }
}
