package gov.austintexas.atd.pipelines.bonddata;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import gov.austintexas.atd.pipelines.UsageException;
import gov.austintexas.atd.transforms.validation.ColumnSpec;
import gov.austintexas.atd.transforms.validation.ColumnType;
import gov.austintexas.atd.transforms.validation.TableSpec;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * bond-data's CSV sources, from {@code src/bond/sources.json} (or a file given with {@code
 * --sourcesFile}): each source's location, date flag and table columns. Every mistake in the file
 * is a usage error that names the source and the field.
 */
public final class BondSources {
  public static final String CONFIG = "bond/sources.json";
  private static final Pattern NAME = Pattern.compile("[a-z_][a-z0-9_]*");

  /**
   * A source: the table it feeds (same name), where its CSV is as configured, and the table's
   * columns.
   */
  public record Source(String name, String location, TableSpec table) {
    boolean configured() {
      return !location.contains("<") && !location.contains(">");
    }
  }

  private final String origin;
  private final Map<String, Source> sources;

  private BondSources(String origin, Map<String, Source> sources) {
    this.origin = origin;
    this.sources = Collections.unmodifiableMap(sources);
  }

  /** Parses the configuration text; {@code origin} names it in errors. */
  public static BondSources parse(String json, String origin) {
    JsonNode root;
    try {
      root = new ObjectMapper().readTree(json);
    } catch (IOException e) {
      throw new UsageException(origin + " is not valid JSON: " + e.getMessage());
    }
    Map<String, Source> sources = new LinkedHashMap<>();
    root.path("sources")
        .fields()
        .forEachRemaining(
            entry -> sources.put(entry.getKey(), source(origin, entry.getKey(), entry.getValue())));
    if (sources.isEmpty()) {
      throw new UsageException(origin + " configures no sources");
    }
    return new BondSources(origin, sources);
  }

  public List<String> names() {
    return List.copyOf(sources.keySet());
  }

  public Source get(String name) {
    Source source = sources.get(name);
    if (source == null) {
      throw new UsageException(
          "unknown source '" + name + "'; configured: " + String.join(", ", sources.keySet()));
    }
    return source;
  }

  /**
   * One source by name, or all when {@code name} is null; each must have its location configured.
   */
  public List<Source> select(String name) {
    List<Source> selected =
        name == null || name.isBlank() ? List.copyOf(sources.values()) : List.of(get(name));
    List<String> unconfigured =
        selected.stream().filter(source -> !source.configured()).map(Source::name).toList();
    if (!unconfigured.isEmpty()) {
      throw new UsageException(
          "the location of "
              + String.join(", ", unconfigured)
              + " is not configured yet ("
              + origin
              + " has a placeholder); set it there, give another --sourcesFile, or pick a"
              + " --source");
    }
    return selected;
  }

  /**
   * Where a source's CSV is: URLs, {@code s3://} and {@code file:} URIs as they are, a path
   * starting with {@code /}, {@code ./} or {@code ../} as a local file, and anything else as a key
   * under {@code input}, bond-data's {@code --input} (where microstrategy-to-s3 writes).
   */
  public static String resolve(String location, String input) {
    if (location.startsWith("https://")
        || location.startsWith("http://")
        || location.startsWith("file:")) {
      try {
        URI.create(location);
      } catch (IllegalArgumentException e) {
        throw new UsageException("'" + location + "' is not a valid URL: " + e.getMessage());
      }
      return location;
    }
    if (location.startsWith("s3://") || location.startsWith("/")) {
      return location;
    }
    if (location.startsWith("./") || location.startsWith("../")) {
      return Path.of(location).toAbsolutePath().normalize().toString();
    }
    if (input == null) {
      throw new UsageException(
          "'"
              + location
              + "' is a key in the reports bucket: give --input=s3://bucket[/prefix]/ (or a"
              + " directory), or set BUCKET");
    }
    return (input.endsWith("/") ? input : input + "/") + location;
  }

  private static Source source(String origin, String name, JsonNode config) {
    String where = origin + ": source '" + name + "'";
    if (!NAME.matcher(name).matches()) {
      throw new UsageException(
          where
              + ": a source is named after its table, so its name must be lower-case letters,"
              + " digits and _");
    }
    String location = config.path("location").asText("");
    if (location.isBlank()) {
      throw new UsageException(where + " has no \"location\"");
    }
    if (!config.path("date_field").isBoolean()) {
      throw new UsageException(where + " needs \"date_field\": true or false");
    }
    boolean dateField = config.path("date_field").asBoolean();
    List<ColumnSpec> columns = new ArrayList<>();
    for (JsonNode column : config.path("columns")) {
      columns.add(column(where, column));
    }
    if (columns.isEmpty()) {
      throw new UsageException(where + " has no \"columns\"");
    }
    boolean hasDate =
        columns.stream().anyMatch(c -> c.name().equals("date") && c.type() == ColumnType.DATE);
    boolean otherDates =
        columns.stream().anyMatch(c -> !c.name().equals("date") && c.type() == ColumnType.DATE);
    if (dateField != hasDate || otherDates) {
      throw new UsageException(
          where
              + (dateField
                  ? " has \"date_field\": true, so it needs a column \"date\" of type date (and no"
                      + " other date column)"
                  : " has \"date_field\": false, so it can have no column of type date"));
    }
    return new Source(name, location, new TableSpec(name, columns));
  }

  private static ColumnSpec column(String where, JsonNode config) {
    String csv = config.path("csv").asText("");
    String name = config.path("column").asText("");
    if (csv.isEmpty() || !NAME.matcher(name).matches()) {
      throw new UsageException(
          where
              + ": each column needs \"csv\" (the header name) and \"column\" (lower-case letters,"
              + " digits and _): "
              + config);
    }
    ColumnType type;
    try {
      type = ColumnType.valueOf(config.path("type").asText("").toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new UsageException(
          where + ", column '" + name + "': \"type\" must be text, int, numeric or date");
    }
    ColumnSpec column = ColumnSpec.of(csv, name, type, config.path("required").asBoolean(false));
    boolean numeric = type == ColumnType.INT || type == ColumnType.NUMERIC;
    if (config.path("whole_numbers").asBoolean(false)) {
      if (type != ColumnType.NUMERIC) {
        throw new UsageException(
            where
                + ", column '"
                + name
                + "': \"whole_numbers\" is for numeric columns (int columns hold whole numbers"
                + " anyway)");
      }
      column = column.wholeNumbersOnly();
    }
    if (config.has("greater_than")) {
      column = column.greaterThan(bound(where, name, numeric, config.get("greater_than")));
    }
    if (config.has("less_than")) {
      column = column.lessThan(bound(where, name, numeric, config.get("less_than")));
    }
    return column;
  }

  private static BigDecimal bound(String where, String name, boolean numeric, JsonNode value) {
    if (!numeric || !value.isNumber()) {
      throw new UsageException(
          where + ", column '" + name + "': bounds are numbers, for int and numeric columns");
    }
    return value.decimalValue();
  }
}
