package gov.austintexas.atd.pipelines.financetos3;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import gov.austintexas.atd.pipelines.Resources;
import gov.austintexas.atd.pipelines.UsageException;
import java.io.IOException;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The finance record types and their SQL, read from {@code src/finance/record-types.json}
 * (packed into the jar under {@code atd/finance/}).
 */
public final class RecordTypes {
  static final String CONFIG = "atd/finance/record-types.json";

  /** A record type: its name, the file it becomes, and the SQL that extracts it. */
  public record RecordType(String name, String sql) {
    public String fileName() {
      return name + ".json";
    }
  }

  private final Map<String, RecordType> types;

  private RecordTypes(Map<String, RecordType> types) {
    this.types = Collections.unmodifiableMap(types);
  }

  public static RecordTypes load() {
    JsonNode config = readJson(CONFIG);
    Map<String, RecordType> types = new LinkedHashMap<>();
    Iterator<Map.Entry<String, JsonNode>> entries = config.path("record_types").fields();
    while (entries.hasNext()) {
      Map.Entry<String, JsonNode> entry = entries.next();
      String query = entry.getValue().path("query").asText(null);
      if (query == null) {
        throw new UsageException(CONFIG + ": record type '" + entry.getKey() + "' has no \"query\"");
      }
      types.put(entry.getKey(), new RecordType(entry.getKey(), Resources.text("atd/finance/" + query)));
    }
    return new RecordTypes(types);
  }

  public Set<String> names() {
    return types.keySet();
  }

  /** The record type, or a usage error that lists the configured ones. */
  public RecordType get(String name) {
    RecordType type = types.get(name);
    if (type == null) {
      throw new UsageException(
          "unknown record type '" + name + "'; configured: " + String.join(", ", types.keySet()));
    }
    return type;
  }

  private static JsonNode readJson(String resource) {
    try {
      return new ObjectMapper().readTree(Resources.text(resource));
    } catch (IOException e) {
      throw new UsageException(resource + " is not valid JSON: " + e.getMessage());
    }
  }
}
