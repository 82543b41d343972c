package gov.austintexas.atd.transforms.knack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import gov.austintexas.atd.transforms.json.Json;
import java.math.BigDecimal;

/**
 * How a value we would send compares with what Knack stores, when a mapped record is compared with
 * a Knack record. Two values are the same when Knack would store them identically, so unchanged
 * records are never re-sent and changed ones never missed:
 *
 * <ul>
 *   <li>Knack's raw value ({@code field_N_raw}) is compared when present, else the formatted one;
 *   <li>null, missing and {@code ""} are all empty, and equal to each other;
 *   <li>a number against a number or a numeric string compares by value ({@code 2400} equals {@code
 *       "2400"} and {@code "2400.0"});
 *   <li>text compares as text, exactly; anything else as JSON.
 * </ul>
 */
public final class KnackValues {
  private KnackValues() {}

  /** The value Knack stores for a field: {@code field_N_raw} when present, else {@code field_N}. */
  public static JsonNode stored(ObjectNode knackRecord, String field) {
    JsonNode raw = knackRecord.get(field + "_raw");
    return raw != null ? raw : knackRecord.get(field);
  }

  public static boolean same(JsonNode ours, JsonNode knacks) {
    boolean oursEmpty = Json.isEmpty(ours);
    boolean knacksEmpty = Json.isEmpty(knacks);
    if (oursEmpty || knacksEmpty) {
      return oursEmpty && knacksEmpty;
    }
    if (ours.isNumber() || knacks.isNumber()) {
      BigDecimal a = number(ours);
      BigDecimal b = number(knacks);
      return a != null && b != null && a.compareTo(b) == 0;
    }
    if (ours.isTextual() && knacks.isTextual()) {
      return ours.textValue().equals(knacks.textValue());
    }
    return ours.equals(knacks);
  }

  private static BigDecimal number(JsonNode value) {
    if (value.isNumber()) {
      return value.decimalValue();
    }
    if (value.isTextual()) {
      try {
        return new BigDecimal(value.textValue().strip());
      } catch (NumberFormatException notANumber) {
        return null;
      }
    }
    return null;
  }
}
