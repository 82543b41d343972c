package gov.austintexas.atd.pipelines.s3toknack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import gov.austintexas.atd.transforms.json.Json;
import org.junit.jupiter.api.Test;

class HandlerTest {
  private static final String NOW = "2026-11-21T09:30:00";

  private static JsonNode json(String text) throws Exception {
    return Json.MAPPER.readTree(text);
  }

  private static String apply(Handler handler, String json) throws Exception {
    JsonNode result = handler.apply(json == null ? null : json(json), NOW);
    return result == null ? null : result.toString();
  }

  @Test
  void padAngleBrackets() throws Exception {
    assertEquals("\"a  < b >  c\"", apply(Handler.PAD_ANGLE_BRACKETS, "\"a <b> c\""));
    assertEquals("\" < 5 and  > 3\"", apply(Handler.PAD_ANGLE_BRACKETS, "\"<5 and >3\""));
    assertEquals("\"no brackets\"", apply(Handler.PAD_ANGLE_BRACKETS, "\"no brackets\""));
    assertEquals("\"\"", apply(Handler.PAD_ANGLE_BRACKETS, "\"\""));
    assertEquals("null", apply(Handler.PAD_ANGLE_BRACKETS, "null"));
    assertNull(apply(Handler.PAD_ANGLE_BRACKETS, null));
  }

  @Test
  void currencyRoundsHalfUpOnTheCent() throws Exception {
    assertEquals("\"1,234.50\"", apply(Handler.CURRENCY, "1234.5"));
    assertEquals("\"-1,234.50\"", apply(Handler.CURRENCY, "-1234.5"));
    assertEquals("\"0.00\"", apply(Handler.CURRENCY, "0"));
    assertEquals("\"0.00\"", apply(Handler.CURRENCY, "null"));
    assertEquals("\"0.00\"", apply(Handler.CURRENCY, null));
    assertEquals("\"0.00\"", apply(Handler.CURRENCY, "\"\""));
    assertEquals("\"0.01\"", apply(Handler.CURRENCY, "0.005"));
    assertEquals("\"-0.01\"", apply(Handler.CURRENCY, "-0.005"));
    assertEquals("\"12,345,678.99\"", apply(Handler.CURRENCY, "12345678.994"));
    assertEquals("\"100.00\"", apply(Handler.CURRENCY, "\"100\""));
    IllegalArgumentException bad =
        assertThrows(IllegalArgumentException.class, () -> apply(Handler.CURRENCY, "\"n/a\""));
    assertEquals("currency needs a number", bad.getMessage());
  }

  @Test
  void sortedListSortsPartsAsTextAndKeepsDuplicates() throws Exception {
    assertEquals("\"a,\\nb,\\nb,\\nc\"", apply(Handler.SORTED_LIST, "\"c,\\nb,\\na,\\nb\""));
    assertEquals(
        "\"8012 6000 6602,\\n8012 6000 6607\"",
        apply(Handler.SORTED_LIST, "\"8012 6000 6607,\\n8012 6000 6602\""));
    assertEquals("\"only\"", apply(Handler.SORTED_LIST, "\"only\""));
    assertEquals("\"\"", apply(Handler.SORTED_LIST, "\"\""));
    assertEquals("null", apply(Handler.SORTED_LIST, "null"));
  }

  @Test
  void toStringKeepsNullAsNull() throws Exception {
    assertEquals("\"123\"", apply(Handler.TO_STRING, "123"));
    assertEquals("\"6007.026\"", apply(Handler.TO_STRING, "6007.026"));
    assertEquals("\"-5\"", apply(Handler.TO_STRING, "-5.00"));
    assertEquals("\"abc\"", apply(Handler.TO_STRING, "\"abc\""));
    assertEquals("\"true\"", apply(Handler.TO_STRING, "true"));
    assertEquals("null", apply(Handler.TO_STRING, "null"));
    assertNull(apply(Handler.TO_STRING, null));
  }

  @Test
  void knackNowIgnoresItsInput() throws Exception {
    assertEquals("\"" + NOW + "\"", apply(Handler.KNACK_NOW, "\"anything\""));
    assertEquals("\"" + NOW + "\"", apply(Handler.KNACK_NOW, null));
  }
}
