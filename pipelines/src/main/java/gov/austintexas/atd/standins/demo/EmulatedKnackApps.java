package gov.austintexas.atd.standins.demo;

import gov.austintexas.atd.pipelines.s3toknack.KnackMapping;
import gov.austintexas.atd.standins.knack.KnackEmulator;
import gov.austintexas.atd.standins.knack.KnackEmulator.FieldType;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Sets up a {@link KnackEmulator} with an app per configured Knack app and the objects of the field
 * maps, each field typed the way the real apps store it (currency, date-time, multi-line text for
 * the coalesced and free-text fields, short text otherwise).
 */
public final class EmulatedKnackApps {
  public static final String API_KEY = "emulated-api-key";

  private EmulatedKnackApps() {}

  /** The emulated app id of a configured app name, e.g. {@code emulated-data-tracker}. */
  public static String appId(String app) {
    return "emulated-" + app;
  }

  public static void define(KnackEmulator knack, List<KnackMapping> mappings) {
    Map<String, Map<String, Map<String, FieldType>>> objects = new HashMap<>();
    for (KnackMapping mapping : mappings) {
      Map<String, FieldType> types =
          objects
              .computeIfAbsent(mapping.app(), app -> new HashMap<>())
              .computeIfAbsent(mapping.object(), object -> new HashMap<>());
      for (KnackMapping.Field field : mapping.fields()) {
        types.put(field.knackField(), typeOf(field));
      }
    }
    objects.forEach(
        (app, appObjects) -> {
          knack.addApp(appId(app), API_KEY);
          appObjects.forEach((object, types) -> knack.addObject(appId(app), object, types));
        });
  }

  private static FieldType typeOf(KnackMapping.Field field) {
    if (field.handler() == null) {
      return FieldType.SHORT_TEXT;
    }
    switch (field.handler()) {
      case CURRENCY:
        return FieldType.CURRENCY;
      case KNACK_NOW:
        return FieldType.DATE_TIME;
      case SORTED_LIST:
      case PAD_ANGLE_BRACKETS:
        return FieldType.PARAGRAPH_TEXT;
      default:
        return FieldType.SHORT_TEXT;
    }
  }
}
