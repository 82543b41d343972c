package gov.austintexas.atd.pipelines.s3toknack;

import com.fasterxml.jackson.databind.JsonNode;
import gov.austintexas.atd.pipelines.ConfigFiles;
import gov.austintexas.atd.pipelines.UsageException;
import gov.austintexas.atd.transforms.json.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Knack field maps from {@code src/finance/knack-field-maps.json}. Every record type and app is
 * checked when the maps load, before any I/O: exactly one primary key, known handlers, and an
 * object for each app a field names. Asking for a record type an app does not take is an error that
 * lists what the app does take.
 */
public final class FieldMaps {
  public static final String CONFIG = "finance/knack-field-maps.json";

  private final Map<String, Map<String, KnackMapping>> byTypeAndApp;

  private FieldMaps(Map<String, Map<String, KnackMapping>> byTypeAndApp) {
    this.byTypeAndApp = byTypeAndApp;
  }

  /** The packed field maps. */
  public static FieldMaps load() {
    return load(ConfigFiles.packed());
  }

  public static FieldMaps load(ConfigFiles files) {
    return parse(files.text(CONFIG), files.source(CONFIG));
  }

  static FieldMaps parse(String json, String source) {
    JsonNode config;
    try {
      config = Json.MAPPER.readTree(json);
    } catch (IOException e) {
      throw new UsageException(source + " is not valid JSON: " + e.getMessage());
    }
    List<String> apps = new ArrayList<>();
    config.path("apps").forEach(app -> apps.add(app.asText()));
    Map<String, Map<String, KnackMapping>> maps = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> types = config.path("record_types").fields();
        types.hasNext(); ) {
      Map.Entry<String, JsonNode> type = types.next();
      Map<String, KnackMapping> perApp = new LinkedHashMap<>();
      for (String app : apps) {
        KnackMapping mapping = mapping(source, type.getKey(), app, type.getValue());
        if (mapping != null) {
          perApp.put(app, mapping);
        }
      }
      maps.put(type.getKey(), perApp);
    }
    return new FieldMaps(maps);
  }

  /** The mapping of a record type to an app, or a usage error saying what is configured. */
  public KnackMapping mapping(String recordType, String app) {
    Map<String, KnackMapping> perApp = byTypeAndApp.get(recordType);
    if (perApp == null) {
      throw new UsageException(
          "record type '"
              + recordType
              + "' has no Knack field map; configured: "
              + String.join(", ", byTypeAndApp.keySet()));
    }
    KnackMapping mapping = perApp.get(app);
    if (mapping == null) {
      throw new UsageException(
          "record type '"
              + recordType
              + "' is not configured for app '"
              + app
              + "'; it goes to: "
              + String.join(", ", perApp.keySet()));
    }
    return mapping;
  }

  /** Every configured (record type, app) pair, in configuration order. */
  public List<KnackMapping> all() {
    List<KnackMapping> all = new ArrayList<>();
    byTypeAndApp.values().forEach(perApp -> all.addAll(perApp.values()));
    return all;
  }

  private static KnackMapping mapping(String source, String type, String app, JsonNode config) {
    String object = config.path("objects").path(app).asText(null);
    String where = source + ", " + type + " → " + app;
    List<KnackMapping.Field> fields = new ArrayList<>();
    for (JsonNode field : config.path("fields")) {
      String knackField = field.path(app).asText(null);
      if (knackField == null) {
        continue;
      }
      String handlerName = field.path("handler").asText(null);
      Handler handler = handlerName == null ? null : Handler.named(handlerName);
      if (handlerName != null && handler == null) {
        throw new UsageException(
            where + ": unknown handler '" + handlerName + "' on " + knackField);
      }
      fields.add(
          new KnackMapping.Field(
              field.path("src").asText(null),
              knackField,
              handler,
              field.path("ignore_diff").asBoolean(false) || handler == Handler.KNACK_NOW,
              field.path("primary_key").asBoolean(false)));
    }
    if (fields.isEmpty()) {
      return null;
    }
    if (object == null) {
      throw new UsageException(
          where + ": fields name the app but \"objects\" has no object for it");
    }
    long keys = fields.stream().filter(KnackMapping.Field::primaryKey).count();
    if (keys != 1) {
      throw new UsageException(where + ": needs exactly one primary_key field, has " + keys);
    }
    if (fields.stream().anyMatch(field -> field.primaryKey() && field.source() == null)) {
      throw new UsageException(where + ": the primary key needs a source column");
    }
    List<String> coalesce = new ArrayList<>();
    config.path("coalesce").forEach(column -> coalesce.add(column.asText()));
    List<KnackMapping.FilterRule> filters = new ArrayList<>();
    for (JsonNode rule : config.path("filters").path(app)) {
      List<String> values = new ArrayList<>();
      rule.path("in").forEach(value -> values.add(Json.canonicalText(value)));
      filters.add(new KnackMapping.FilterRule(rule.path("src").asText(), values));
    }
    return new KnackMapping(
        type, app, object, List.copyOf(fields), List.copyOf(coalesce), List.copyOf(filters));
  }
}
