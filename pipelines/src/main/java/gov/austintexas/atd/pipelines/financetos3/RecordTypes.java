package gov.austintexas.atd.pipelines.financetos3;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import gov.austintexas.atd.pipelines.ConfigFiles;
import gov.austintexas.atd.pipelines.UsageException;
import java.io.IOException;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The finance record types and their SQL, read from {@code finance/record-types.json} and the
 * {@code finance/sql/} files it names, in the operator's folder or packed ({@link ConfigFiles}).
 */
public final class RecordTypes {
  public static final String CONFIG = "finance/record-types.json";

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

  /** The packed record types. */
  public static RecordTypes load() {
    return load(ConfigFiles.packed());
  }

  public static RecordTypes load(ConfigFiles files) {
    String source = files.source(CONFIG);
    JsonNode config = readJson(files.text(CONFIG), source);
    Map<String, RecordType> types = new LinkedHashMap<>();
    Iterator<Map.Entry<String, JsonNode>> entries = config.path("record_types").fields();
    while (entries.hasNext()) {
      Map.Entry<String, JsonNode> entry = entries.next();
      String query = entry.getValue().path("query").asText(null);
      if (query == null) {
        throw new UsageException(
            source + ": record type '" + entry.getKey() + "' has no \"query\"");
      }
      types.put(entry.getKey(), new RecordType(entry.getKey(), files.text("finance/" + query)));
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

  private static JsonNode readJson(String text, String source) {
    try {
      return new ObjectMapper().readTree(text);
    } catch (IOException e) {
      throw new UsageException(source + " is not valid JSON: " + e.getMessage());
    }
  }
}
