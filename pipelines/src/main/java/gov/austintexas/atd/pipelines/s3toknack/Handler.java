package gov.austintexas.atd.pipelines.s3toknack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import gov.austintexas.atd.transforms.json.Json;
import gov.austintexas.atd.transforms.knack.KnackCurrency;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Locale;

/**
 * The field-map handlers: pure functions of one source value, named in {@code
 * src/finance/knack-field-maps.json}. A value a handler cannot take is an {@link
 * IllegalArgumentException}, reported by the caller with the record and column.
 */
public enum Handler {
  /** Knack hides text after an unclosed {@code <}: pad both angle brackets with spaces. */
  PAD_ANGLE_BRACKETS {
    @Override
    JsonNode apply(JsonNode value, String now) {
      if (value == null || !value.isTextual()) {
        return value;
      }
      return text(value.textValue().replace("<", " < ").replace(">", " > "));
    }
  },
  /** Knack's currency text: {@code 1234.5} → {@code "1,234.50"}; null or 0 → {@code "0.00"}. */
  CURRENCY {
    @Override
    JsonNode apply(JsonNode value, String now) {
      if (Json.isEmpty(value)) {
        return text("0.00");
      }
      if (value.isNumber()) {
        return text(KnackCurrency.format(value.decimalValue()));
      }
      try {
        return text(KnackCurrency.format(new BigDecimal(value.asText().strip())));
      } catch (NumberFormatException notANumber) {
        throw new IllegalArgumentException("currency needs a number");
      }
    }
  },
  /** A coalesced value: its {@code ",\n"}-separated parts sorted as text, duplicates kept. */
  SORTED_LIST {
    @Override
    JsonNode apply(JsonNode value, String now) {
      if (value == null || !value.isTextual()) {
        return value;
      }
      String[] parts = value.textValue().split(",\n", -1);
      Arrays.sort(parts);
      return text(String.join(",\n", parts));
    }
  },
  /**
   * The value as text ({@code 123} → {@code "123"}); null stays null (the old system wrote "None").
   */
  TO_STRING {
    @Override
    JsonNode apply(JsonNode value, String now) {
      return Json.isEmpty(value) || value.isTextual() ? value : text(Json.canonicalText(value));
    }
  },
  /** Ignores its input: the run's time in America/Chicago, {@code YYYY-MM-DDTHH:mm:ss}. */
  KNACK_NOW {
    @Override
    JsonNode apply(JsonNode value, String now) {
      return text(now);
    }
  };

  /**
   * @param value the source value (null when absent)
   * @param now the run's start time for {@link #KNACK_NOW}
   */
  abstract JsonNode apply(JsonNode value, String now);

  /** The name used in configuration, e.g. {@code pad_angle_brackets}. */
  public String configName() {
    return name().toLowerCase(Locale.ROOT);
  }

  static Handler named(String name) {
    for (Handler handler : values()) {
      if (handler.configName().equals(name)) {
        return handler;
      }
    }
    return null;
  }

  private static JsonNode text(String text) {
    return JsonNodeFactory.instance.textNode(text);
  }
}
