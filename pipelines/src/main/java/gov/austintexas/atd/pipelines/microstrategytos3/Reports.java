package gov.austintexas.atd.pipelines.microstrategytos3;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import gov.austintexas.atd.pipelines.Resources;
import gov.austintexas.atd.pipelines.UsageException;
import java.io.IOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** The MicroStrategy reports by name, from {@code src/bond/reports.json}. */
public final class Reports {
  static final String CONFIG = "atd/bond/reports.json";

  private final Map<String, String> idsByName;

  private Reports(Map<String, String> idsByName) {
    this.idsByName = Collections.unmodifiableMap(idsByName);
  }

  public static Reports load() {
    JsonNode config;
    try {
      config = new ObjectMapper().readTree(Resources.text(CONFIG));
    } catch (IOException e) {
      throw new UsageException(CONFIG + " is not valid JSON: " + e.getMessage());
    }
    Map<String, String> ids = new LinkedHashMap<>();
    config.path("reports").fields().forEachRemaining(entry -> {
      if (!entry.getValue().isTextual() || entry.getValue().asText().isBlank()) {
        throw new UsageException(CONFIG + ": report '" + entry.getKey() + "' needs a report id");
      }
      ids.put(entry.getKey(), entry.getValue().asText());
    });
    return new Reports(ids);
  }

  public Set<String> names() {
    return idsByName.keySet();
  }

  /** The report's id, or a usage error that lists the configured names. */
  public String idOf(String name) {
    String id = idsByName.get(name);
    if (id == null) {
      throw new UsageException("unknown report '" + name + "'; configured: " + String.join(", ", idsByName.keySet()));
    }
    return id;
  }
}
