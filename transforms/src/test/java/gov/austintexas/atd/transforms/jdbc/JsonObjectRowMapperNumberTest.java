package gov.austintexas.atd.transforms.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The number rule's short path (digits of a long) writes what the rule's plain BigDecimal text
 * does, to text and to UTF-8 alike.
 */
class JsonObjectRowMapperNumberTest {

  @Test
  void writesWhatPlainBigDecimalTextGives() throws IOException {
    List<BigDecimal> values = new ArrayList<>();
    for (String text :
        new String[] {
          "0",
          "0.000",
          "-0.00",
          "2400",
          "2400.00",
          "1234.50",
          "-0.05",
          "1E-7",
          "1E+3",
          "-7",
          "999999999999999999",
          "-999999999999999999",
          "9999999999999999999",
          "0.999999999999999999",
          "99999999999999999.9",
          "12345678901234567890.123400",
          "1E-400",
          "-1E+30",
          "9223372036854775807",
          "-9223372036854775808",
          "123456789.123456789"
        }) {
      values.add(new BigDecimal(text));
    }
    Random random = new Random(12);
    for (int i = 0; i < 20_000; i++) {
      BigInteger unscaled = new BigInteger(1 + random.nextInt(80), random);
      values.add(
          new BigDecimal(
              random.nextBoolean() ? unscaled : unscaled.negate(), random.nextInt(40) - 12));
    }
    for (BigDecimal value : values) {
      String expected = reference(value);
      assertEquals(expected, text(value), value::toString);
      assertEquals(expected, utf8(value), value::toString);
    }
  }

  /** The rule as plain BigDecimal text: integral values as integers, others without zeros. */
  private static String reference(BigDecimal value) {
    BigDecimal canonical = value.stripTrailingZeros();
    return canonical.scale() <= 0
        ? canonical.toBigIntegerExact().toString()
        : canonical.toPlainString();
  }

  private static String text(BigDecimal value) throws IOException {
    StringWriter out = new StringWriter();
    try (JsonGenerator json = JsonObjectRowMapper.jsonFactory().createGenerator(out)) {
      JsonObjectRowMapper.writeNumber(json, value);
    }
    return out.toString();
  }

  private static String utf8(BigDecimal value) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (JsonGenerator json = JsonObjectRowMapper.jsonFactory().createGenerator(out)) {
      JsonObjectRowMapper.writeNumber(json, value);
    }
    return out.toString(StandardCharsets.UTF_8);
  }
}
