package gov.austintexas.atd.transforms.socrata;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;

/**
 * How Socrata compares field names. A column's API field name ({@code fieldName} in the metadata)
 * is lower case ({@code task_order}), and a write matches the keys of a row to field names
 * case-insensitively, so {@code TASK_ORDER} lands in {@code task_order} (as the old scripts'
 * upper-case keys did; dev.socrata.com/docs/datatypes and the "API Field Name" of every dataset
 * page). Every place that looks a field up in a row, or checks a row's keys against columns, goes
 * through here, so the client compares names exactly as the portal does.
 */
public final class FieldNames {
  private FieldNames() {}

  /** The field name a row key stands for: its lower case. */
  public static String normalize(String key) {
    return key.toLowerCase(Locale.ROOT);
  }

  /** Whether two names are the same field. */
  public static boolean same(String a, String b) {
    return normalize(a).equals(normalize(b));
  }

  /** The value of {@code fieldName} in the row, whatever the case of its key; null when absent. */
  public static JsonNode value(ObjectNode row, String fieldName) {
    JsonNode exact = row.get(fieldName);
    if (exact != null) {
      return exact;
    }
    for (Iterator<Map.Entry<String, JsonNode>> fields = row.fields(); fields.hasNext(); ) {
      Map.Entry<String, JsonNode> field = fields.next();
      if (same(field.getKey(), fieldName)) {
        return field.getValue();
      }
    }
    return null;
  }
}
