package gov.austintexas.atd.transforms.knack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import gov.austintexas.atd.transforms.json.Json;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** Each rule for comparing a value with Knack's, and Knack's currency text. */
class KnackValuesTest {

  private static JsonNode json(String text) throws Exception {
    return Json.MAPPER.readTree(text);
  }

  @Test
  void emptyValuesAreEqualToEachOtherAndToNothingElse() throws Exception {
    assertTrue(KnackValues.same(null, json("\"\"")));
    assertTrue(KnackValues.same(json("null"), null));
    assertTrue(KnackValues.same(json("\"\""), json("null")));
    assertFalse(KnackValues.same(json("\"\""), json("\"x\"")));
    assertFalse(KnackValues.same(json("0"), json("\"\"")));
    assertFalse(KnackValues.same(null, json("0")));
  }

  @Test
  void numbersCompareByValueAgainstNumbersAndNumericText() throws Exception {
    assertTrue(KnackValues.same(json("2400"), json("\"2400\"")));
    assertTrue(KnackValues.same(json("\"2400\""), json("2400")));
    assertTrue(KnackValues.same(json("1234.5"), json("1234.50")));
    assertTrue(KnackValues.same(json("2400"), json("\"2400.00\"")));
    assertFalse(KnackValues.same(json("2400"), json("2401")));
    assertFalse(KnackValues.same(json("2400"), json("\"24 00\"")));
    assertFalse(KnackValues.same(json("0.1"), json("\"0.10000001\"")));
  }

  @Test
  void textComparesExactly() throws Exception {
    assertTrue(KnackValues.same(json("\"1,234.50\""), json("\"1,234.50\"")));
    assertTrue(KnackValues.same(json("\"a,\\nb\""), json("\"a,\\nb\"")));
    assertFalse(KnackValues.same(json("\"Active\""), json("\"active\"")));
    assertFalse(KnackValues.same(json("\"007\""), json("\"7\"")));
    assertFalse(KnackValues.same(json("\"x \""), json("\"x\"")));
  }

  @Test
  void theRawValueIsComparedWhenKnackGivesOne() throws Exception {
    ObjectNode record =
        (ObjectNode)
            json(
                "{\"id\":\"1\",\"field_1\":\"a<br />b\",\"field_1_raw\":\"a\\n"
                    + "b\",\"field_2\":\"plain\"}");
    assertEquals(json("\"a\\nb\""), KnackValues.stored(record, "field_1"));
    assertEquals(json("\"plain\""), KnackValues.stored(record, "field_2"));
    assertEquals(null, KnackValues.stored(record, "field_3"));
  }

  @Test
  void currencyIsTwoDecimalsWithSeparatorsRoundedHalfUp() {
    assertEquals("1,234.50", KnackCurrency.format(new BigDecimal("1234.5")));
    assertEquals("-1,234.50", KnackCurrency.format(new BigDecimal("-1234.5")));
    assertEquals("0.00", KnackCurrency.format(BigDecimal.ZERO));
    assertEquals("1,234,567.01", KnackCurrency.format(new BigDecimal("1234567.005")));
    assertEquals("-0.01", KnackCurrency.format(new BigDecimal("-0.005")));
    assertEquals("0.00", KnackCurrency.format(new BigDecimal("-0.004")));
    assertEquals("999.99", KnackCurrency.format(new BigDecimal("999.994")));
    assertEquals("1,000.00", KnackCurrency.format(new BigDecimal("999.995")));
    assertEquals(new BigDecimal("1234.50"), KnackCurrency.parse("1,234.50"));
  }
}
