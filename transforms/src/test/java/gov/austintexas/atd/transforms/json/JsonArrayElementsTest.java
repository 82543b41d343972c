package gov.austintexas.atd.transforms.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Enumeration;
import org.junit.jupiter.api.Test;

class JsonArrayElementsTest {

  private static long count(String json) throws IOException {
    return JsonArrayElements.count(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void countsTopLevelElementsOnly() throws IOException {
    assertEquals(0, count("[]"));
    assertEquals(0, count("[\n]\n"));
    assertEquals(3, count("[{\"a\":[1,2,{\"b\":\"],[\"}]},\n[1,[2]],\n\"x\"]"));
    assertEquals(4, count("[null, 1.5, true, {}]"));
  }

  @Test
  void somethingElseThanOneArrayIsAJsonError() {
    assertThrows(JsonProcessingException.class, () -> count("{\"a\":1}"));
    assertThrows(JsonProcessingException.class, () -> count("[{\"a\":1},"));
    assertThrows(JsonProcessingException.class, () -> count("<html></html>"));
    assertThrows(JsonProcessingException.class, () -> count(""));
  }

  /** Two million rows (about 90 MB) made as they are read: counting never holds the file. */
  @Test
  void countsALargeStreamWithoutHoldingIt() throws IOException {
    long rows = 2_000_000;
    byte[] row =
        "{\"TASK_ORDER_ID\":\"ATD0001\",\"AMOUNT\":1234.56},\n".getBytes(StandardCharsets.UTF_8);
    byte[] last =
        "{\"TASK_ORDER_ID\":\"ATD0002\",\"AMOUNT\":0}\n]\n".getBytes(StandardCharsets.UTF_8);
    Enumeration<InputStream> parts =
        new Enumeration<>() {
          long made;

          @Override
          public boolean hasMoreElements() {
            return made <= rows;
          }

          @Override
          public InputStream nextElement() {
            made++;
            if (made == 1) {
              return new ByteArrayInputStream("[\n".getBytes(StandardCharsets.UTF_8));
            }
            return new ByteArrayInputStream(made == rows + 1 ? last : row);
          }
        };

    assertEquals(rows, JsonArrayElements.count(new SequenceInputStream(parts)));
  }
}
