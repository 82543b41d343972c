package gov.austintexas.atd.pipelines.microstrategytos3;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import gov.austintexas.atd.pipelines.ConfigFiles;
import gov.austintexas.atd.pipelines.UsageException;
import java.io.IOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** The MicroStrategy reports by name, from {@code src/bond/reports.json}. */
public final class Reports {
  public static final String CONFIG = "bond/reports.json";

  private final Map<String, String> idsByName;

  private Reports(Map<String, String> idsByName) {
    this.idsByName = Collections.unmodifiableMap(idsByName);
  }

  /** The packed reports. */
  public static Reports load() {
    return load(ConfigFiles.packed());
  }

  public static Reports load(ConfigFiles files) {
    String source = files.source(CONFIG);
    JsonNode config;
    try {
      config = new ObjectMapper().readTree(files.text(CONFIG));
    } catch (IOException e) {
      throw new UsageException(source + " is not valid JSON: " + e.getMessage());
    }
    Map<String, String> ids = new LinkedHashMap<>();
    config
        .path("reports")
        .fields()
        .forEachRemaining(
            entry -> {
              if (!entry.getValue().isTextual() || entry.getValue().asText().isBlank()) {
                throw new UsageException(
                    source + ": report '" + entry.getKey() + "' needs a report id");
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
      throw new UsageException(
          "unknown report '" + name + "'; configured: " + String.join(", ", idsByName.keySet()));
    }
    return id;
  }
}
