package gov.austintexas.atd.pipelines.s3toknack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import gov.austintexas.atd.transforms.json.Json;
import java.io.Serializable;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * How one record type goes to one Knack app: the object, the fields (source column → Knack field,
 * handler, ignore-diff), the primary key, the coalesce columns and the source filter. Built and
 * checked by {@link FieldMaps}; serializable so DoFns can carry it.
 */
public record KnackMapping(
    String recordType,
    String app,
    String object,
    List<Field> fields,
    List<String> coalesce,
    List<FilterRule> filters)
    implements Serializable {

  /** One mapped field; {@code source} is null for a field with no source column. */
  public record Field(
      String source, String knackField, Handler handler, boolean ignoreDiff, boolean primaryKey)
      implements Serializable {}

  /** Keeps a source record when the column's value, as text, is one of {@code values}. */
  public record FilterRule(String source, List<String> values) implements Serializable {}

  public Field primaryKey() {
    return fields.stream().filter(Field::primaryKey).findFirst().orElseThrow();
  }

  /** The Knack fields compared with Knack's values: all mapped fields but the ignore-diff ones. */
  public Set<String> comparedFields() {
    Set<String> compared = new LinkedHashSet<>();
    fields.stream()
        .filter(field -> !field.ignoreDiff())
        .forEach(field -> compared.add(field.knackField()));
    return compared;
  }

  /** Whether the app's filter (if any) keeps this source record. */
  public boolean accepts(ObjectNode source) {
    for (FilterRule rule : filters) {
      String value = Json.canonicalText(source.get(rule.source()));
      if (!rule.values().contains(value)) {
        return false;
      }
    }
    return true;
  }

  /**
   * The record in the app's schema, {@code field_N} → value, with handlers applied.
   *
   * @throws IllegalArgumentException naming the column when a handler cannot take its value
   */
  public ObjectNode map(ObjectNode source, String now) {
    ObjectNode mapped = Json.MAPPER.createObjectNode();
    for (Field field : fields) {
      JsonNode value = field.source() == null ? null : source.get(field.source());
      if (field.handler() != null) {
        try {
          value = field.handler().apply(value, now);
        } catch (IllegalArgumentException bad) {
          throw new IllegalArgumentException(
              "column " + field.source() + ", value " + value + ": " + bad.getMessage(), bad);
        }
      }
      mapped.set(field.knackField(), value == null ? Json.MAPPER.nullNode() : value);
    }
    return mapped;
  }
}
