package gov.austintexas.atd.transforms.knack;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import gov.austintexas.atd.transforms.failure.Failure;
import gov.austintexas.atd.transforms.json.Json;
import java.util.Locale;

/**
 * A Knack write that failed, as a {@link Failure} ({@code what} the action, {@code where} the
 * record's id, none for a create; {@code column} the key field and {@code value} the key), and as
 * the dead-letter file's JSON object, {@code {"key", "action", "id", "record", "error"}}.
 */
public final class KnackDeadLetters {
  static final String REMOVE_DUPLICATE = "remove duplicate";

  private KnackDeadLetters() {}

  /** A create or an update that Knack refused, or that was not sent, for {@code why}. */
  static Failure of(KnackWrite write, String keyField, String why) {
    return new Failure(
        write.kind().name().toLowerCase(Locale.ROOT),
        write.id(),
        0,
        keyField,
        write.key(),
        why,
        write.record().toString(),
        false);
  }

  /** This run's copy {@code id} of {@code key} that should have been deleted, and was not. */
  static Failure removeDuplicate(String keyField, String key, String id, String why) {
    return new Failure(REMOVE_DUPLICATE, id, 0, keyField, key, why, null, false);
  }

  /** The dead-letter file's line: the record only when one was to be written. */
  public static String toJson(Failure failure) {
    ObjectNode letter = Json.MAPPER.createObjectNode();
    letter.put("key", failure.value());
    letter.put("action", failure.what());
    letter.put("id", failure.where());
    if (failure.record() != null) {
      try {
        letter.set("record", Json.MAPPER.readTree(failure.record()));
      } catch (JsonProcessingException e) {
        throw new IllegalStateException("not a Knack record: " + failure.record(), e);
      }
    }
    letter.put("error", failure.why());
    return letter.toString();
  }
}
