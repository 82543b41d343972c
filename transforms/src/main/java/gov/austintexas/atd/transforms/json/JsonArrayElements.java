package gov.austintexas.atd.transforms.json;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;

/** Counts the elements of a JSON array as a stream: memory stays flat whatever the file's size. */
public final class JsonArrayElements {
  private JsonArrayElements() {}

  /**
   * The number of top-level elements of the array {@code in} holds.
   *
   * @throws com.fasterxml.jackson.core.JsonProcessingException when {@code in} is not one
   *     well-formed JSON array
   * @throws IOException when {@code in} cannot be read
   */
  public static long count(InputStream in) throws IOException {
    try (JsonParser parser = Json.MAPPER.getFactory().createParser(in)) {
      if (parser.nextToken() != JsonToken.START_ARRAY) {
        throw new JsonParseException(parser, "not a JSON array");
      }
      long count = 0;
      for (JsonToken token = parser.nextToken();
          token != JsonToken.END_ARRAY;
          token = parser.nextToken()) {
        if (token == null) {
          throw new JsonParseException(parser, "the array is not closed");
        }
        parser.skipChildren(); // an object or array element is passed over, not built
        count++;
      }
      return count;
    }
  }
}
