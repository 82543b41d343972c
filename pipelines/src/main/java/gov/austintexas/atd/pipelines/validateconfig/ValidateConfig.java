package gov.austintexas.atd.pipelines.validateconfig;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import gov.austintexas.atd.pipelines.ConfigDirOptions;
import gov.austintexas.atd.pipelines.ConfigFiles;
import gov.austintexas.atd.pipelines.ExitCode;
import gov.austintexas.atd.pipelines.Resources;
import gov.austintexas.atd.pipelines.UsageException;
import gov.austintexas.atd.pipelines.bondcalculations.BondTableReads;
import gov.austintexas.atd.pipelines.bonddata.BondDdl;
import gov.austintexas.atd.pipelines.bonddata.BondSources;
import gov.austintexas.atd.pipelines.financetos3.RecordTypes;
import gov.austintexas.atd.pipelines.microstrategytos3.Reports;
import gov.austintexas.atd.pipelines.s3toknack.FieldMaps;
import gov.austintexas.atd.transforms.jdbc.SqlScript;
import gov.austintexas.atd.transforms.json.Json;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.apache.beam.sdk.options.PipelineOptionsFactory;

/**
 * {@code validate-config [--configDir=DIR]}: checks every configuration file the pipelines would
 * read, the operator's where present and the packed ones elsewhere, and prints one line per file. A
 * JSON file is checked against its schema (kept in the jar under {@code schemas/}) and then loaded
 * as its pipeline loads it; a SQL file must hold one statement; the DDL must create every source's
 * table. A broken file, or a file in the folder that no pipeline reads (a misspelt override would
 * be silently ignored), is exit 2.
 */
public final class ValidateConfig {
  public static final String COMMAND = "validate-config";
  private final Map<String, String> environment;
  private final PrintStream out;
  private final PrintStream err;

  /** The JSON schemas of the config files, each loaded when a file of its kind is checked. */
  private final SchemaRegistry schemas =
      SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);

  /** The files checked so far, by their path in src/, with the problem (null when fine). */
  private final Map<String, String> problems = new LinkedHashMap<>();

  public ValidateConfig(Map<String, String> environment, PrintStream out, PrintStream err) {
    this.environment = environment;
    this.out = out;
    this.err = err;
  }

  public int run(String[] args) {
    ConfigFiles files;
    try {
      ConfigDirOptions options = PipelineOptionsFactory.fromArgs(args).as(ConfigDirOptions.class);
      files = ConfigFiles.of(options, environment);
    } catch (IllegalArgumentException | UsageException e) {
      err.println("error: " + COMMAND + ": " + e.getMessage());
      return ExitCode.USAGE.code;
    }
    Set<String> financeQueries = checkRecordTypes(files);
    json(files, FieldMaps.CONFIG, "knack-field-maps", text -> FieldMaps.load(files));
    json(files, Reports.CONFIG, "reports", text -> Reports.load(files));
    List<String> tables = new ArrayList<>();
    json(
        files,
        BondSources.CONFIG,
        "sources",
        text ->
            BondSources.parse(text, files.source(BondSources.CONFIG)).names().forEach(tables::add));
    check(
        files,
        BondDdl.CONFIG,
        text -> {
          BondDdl ddl = BondDdl.load(files);
          tables.forEach(ddl::createStatement);
        });
    for (String table : BondTableReads.TABLES) {
      check(files, BondTableReads.queryFile(table), text -> BondTableReads.query(files, table));
    }
    for (String unknown : unknownFiles(files, financeQueries)) {
      line(
          unknown,
          files.dir().resolve(unknown).toString(),
          "no pipeline reads this file (is its name or folder misspelt?)");
    }
    long broken = problems.values().stream().filter(problem -> problem != null).count();
    if (broken > 0) {
      err.println(
          "error: "
              + COMMAND
              + ": "
              + broken
              + " of "
              + problems.size()
              + " configuration files are broken");
      return ExitCode.USAGE.code;
    }
    return ExitCode.SUCCESS.code;
  }

  /** record-types.json, then each SQL file it names. */
  private Set<String> checkRecordTypes(ConfigFiles files) {
    Set<String> sqlFiles = new TreeSet<>();
    json(
        files,
        RecordTypes.CONFIG,
        "record-types",
        text -> {
          JsonNode config = Json.MAPPER.readTree(text);
          config
              .path("record_types")
              .forEach(type -> sqlFiles.add("finance/" + type.path("query").asText()));
        });
    if (problems.get(RecordTypes.CONFIG) == null) {
      for (String sql : sqlFiles) {
        check(
            files,
            sql,
            text -> {
              if (SqlScript.statements(text).size() != 1) {
                throw new UsageException(
                    "must hold exactly one query, not " + SqlScript.statements(text).size());
              }
            });
      }
    }
    return sqlFiles;
  }

  private interface Check {
    void accept(String text) throws Exception;
  }

  /** A JSON file: its schema first, then the check. */
  private void json(ConfigFiles files, String file, String schemaName, Check check) {
    check(
        files,
        file,
        text -> {
          JsonNode json;
          try {
            json = Json.MAPPER.readTree(text);
          } catch (JsonProcessingException e) {
            throw new UsageException(
                "not valid JSON at line "
                    + e.getLocation().getLineNr()
                    + ", column "
                    + e.getLocation().getColumnNr()
                    + ": "
                    + e.getOriginalMessage());
          }
          Schema schema =
              schemas.getSchema(Resources.text("schemas/" + schemaName + ".schema.json"));
          List<Error> errors = schema.validate(json);
          if (!errors.isEmpty()) {
            List<String> messages = errors.stream().limit(3).map(ValidateConfig::describe).toList();
            throw new UsageException(
                String.join("; ", messages)
                    + (errors.size() > 3 ? " (and " + (errors.size() - 3) + " more)" : ""));
          }
          check.accept(text);
        });
  }

  private static String describe(Error error) {
    String where = error.getInstanceLocation().toString();
    return (where.isEmpty() ? "$" : where) + ": " + error.getMessage();
  }

  private void check(ConfigFiles files, String file, Check check) {
    String source = files.source(file);
    String origin = files.origin(file);
    try {
      check.accept(files.text(file));
      line(file, origin, null);
    } catch (UsageException e) {
      // The loaders' own messages start with the file they read; the line names it already.
      line(file, origin, e.getMessage().replace(source + ": ", "").replace(source + " ", ""));
    } catch (Exception e) {
      line(file, origin, e.getClass().getSimpleName() + ": " + e.getMessage());
    }
  }

  /**
   * One line per file: ok or error, the file, where it was read from (its path, or packed), the
   * problem.
   */
  private void line(String file, String origin, String problem) {
    problems.put(file, problem);
    out.println(
        (problem == null ? "ok     " : "error  ")
            + file
            + " ("
            + origin
            + ")"
            + (problem == null ? "" : ": " + problem));
  }

  /** The .json and .sql files in the folder that no pipeline reads. */
  private List<String> unknownFiles(ConfigFiles files, Set<String> sqlFiles) {
    if (files.dir() == null) {
      return List.of();
    }
    Set<String> known = new TreeSet<>(problems.keySet());
    known.addAll(sqlFiles);
    boolean recordTypesRead = problems.get(RecordTypes.CONFIG) == null;
    try (Stream<Path> all = Files.walk(files.dir())) {
      return all.filter(Files::isRegularFile)
          .map(path -> files.dir().relativize(path).toString().replace('\\', '/'))
          .filter(name -> name.endsWith(".json") || name.endsWith(".sql"))
          .filter(name -> !known.contains(name))
          .filter(
              name ->
                  recordTypesRead
                      || !name.startsWith("finance/sql/")) // unknown until record-types.json reads
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
