package gov.austintexas.atd.transforms.json;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.math.BigDecimal;

/** The project's one JSON configuration: numbers are read as exact decimals, never doubles. */
public final class Json {
  private Json() {}

  /** Thread-safe and immutable once built; shared like a constant. */
  public static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .build();

  /** True for null, a missing value, JSON null and the empty string, which Knack treats alike. */
  public static boolean isEmpty(JsonNode value) {
    return value == null
        || value.isNull()
        || value.isMissingNode()
        || (value.isTextual() && value.textValue().isEmpty());
  }

  /** A number as plain text with no trailing zeros: 2400, 1234.5, 0.05. */
  public static String plainNumber(BigDecimal number) {
    return number.stripTrailingZeros().toPlainString();
  }

  /**
   * The text a value stands for, the same whatever its JSON type: numbers in plain form, text as
   * is, null as null. Used for keys, so {@code 2400} and {@code "2400"} join.
   */
  public static String canonicalText(JsonNode value) {
    if (isEmpty(value)) {
      return null;
    }
    if (value.isNumber()) {
      return plainNumber(value.decimalValue());
    }
    return value.isTextual() ? value.textValue() : value.toString();
  }
}
