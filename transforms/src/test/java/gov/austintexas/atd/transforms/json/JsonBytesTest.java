package gov.austintexas.atd.transforms.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.beam.sdk.util.CoderUtils;
import org.junit.jupiter.api.Test;

class JsonBytesTest {

  @Test
  void keepsExactDecimalsAndFieldOrderThroughItsCoder() throws Exception {
    ObjectNode record =
        (ObjectNode) Json.MAPPER.readTree("{\"B\":1234.50,\"A\":null,\"C\":\"x\\ny\",\"D\":[1]}");

    JsonBytes bytes = JsonBytes.of(record);
    JsonBytes copied = CoderUtils.clone(JsonBytes.Coder.of(), bytes);

    assertEquals(bytes, copied);
    assertEquals(record, copied.parse());
    assertEquals("{\"B\":1234.50,\"A\":null,\"C\":\"x\\ny\",\"D\":[1]}", copied.toString());
    assertNotEquals(bytes, JsonBytes.of(Json.MAPPER.createObjectNode()));
  }
}
