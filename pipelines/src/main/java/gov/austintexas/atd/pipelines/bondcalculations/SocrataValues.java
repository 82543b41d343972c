package gov.austintexas.atd.pipelines.bondcalculations;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import gov.austintexas.atd.transforms.json.Json;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/**
 * How the bond datasets write values: dates as Socrata floating timestamps {@code
 * YYYY-MM-DDT00:00:00.000}, amounts as exact JSON numbers with no trailing zeros, empty values as
 * JSON null.
 */
final class SocrataValues {
  private static final DateTimeFormatter FLOATING_TIMESTAMP =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS");

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
    row.put(column, date == null ? null : dateText(date));
  }

  /** A date as the datasets write it: a floating timestamp at midnight. */
  static String dateText(LocalDate date) {
    return FLOATING_TIMESTAMP.format(date.atStartOfDay());
  }

  static void put(ObjectNode row, String column, LocalDateTime timestamp) {
    row.put(column, timestamp == null ? null : FLOATING_TIMESTAMP.format(timestamp));
  }

  static void put(ObjectNode row, String column, BigDecimal amount) {
    if (amount == null) {
      row.putNull(column);
      return;
    }
    row.put(column, canonical(amount));
  }

  /** No trailing zeros, and never an exponent for whole numbers: 0, 12.5, 1250000. */
  private static BigDecimal canonical(BigDecimal amount) {
    BigDecimal stripped = amount.signum() == 0 ? BigDecimal.ZERO : amount.stripTrailingZeros();
    return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
  }

  /**
   * A row's JSON text with the two running totals appended as its last members, written as {@link
   * #put} writes amounts. The expense rows travel through their grouping as text, which is far
   * cheaper for a runner to copy than the row, and only the totals are added afterwards.
   */
  static String withTotals(String rowJson, BigDecimal sumObligated, BigDecimal sumExpenses) {
    return rowJson.substring(0, rowJson.length() - 1)
        + ",\"sum_obligated\":"
        + number(sumObligated)
        + ",\"sum_expenses\":"
        + number(sumExpenses)
        + "}";
  }

  /** An amount as {@link #put} writes it, or {@code null}. */
  static String number(BigDecimal amount) {
    return amount == null ? "null" : canonical(amount).toString();
  }

  static void put(ObjectNode row, String column, Integer number) {
    row.put(column, number);
  }

  static void put(ObjectNode row, String column, String text) {
    row.put(column, text);
  }
}
