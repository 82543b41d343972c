package gov.austintexas.atd.pipelines.bond.calculations;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import gov.austintexas.atd.transforms.json.Json;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/**
 * How the bond datasets write values (spec: bond.md 3.1): dates as Socrata floating timestamps
 * {@code YYYY-MM-DDT00:00:00.000}, amounts as exact JSON numbers with no trailing zeros, empty
 * values as JSON null.
 */
final class SocrataValues {
  private static final DateTimeFormatter FLOATING_TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS");

  private SocrataValues() {}

  static ObjectNode row() {
    return Json.MAPPER.createObjectNode();
  }

  /** A row as the compact JSON text the datasets carry (files and Socrata take the same text). */
  static String text(ObjectNode row) {
    try {
      return Json.MAPPER.writeValueAsString(row);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a dataset row could not be written as JSON", e);
    }
  }

  static void put(ObjectNode row, String column, LocalDate date) {
    row.put(column, date == null ? null : FLOATING_TIMESTAMP.format(date.atStartOfDay()));
  }

  static void put(ObjectNode row, String column, LocalDateTime timestamp) {
    row.put(column, timestamp == null ? null : FLOATING_TIMESTAMP.format(timestamp));
  }

  static void put(ObjectNode row, String column, BigDecimal amount) {
    if (amount == null) {
      row.putNull(column);
      return;
    }
    BigDecimal canonical = amount.signum() == 0 ? BigDecimal.ZERO : amount.stripTrailingZeros();
    row.put(column, canonical.scale() < 0 ? canonical.setScale(0) : canonical);
  }

  static void put(ObjectNode row, String column, Integer number) {
    row.put(column, number);
  }

  static void put(ObjectNode row, String column, String text) {
    row.put(column, text);
  }
}
