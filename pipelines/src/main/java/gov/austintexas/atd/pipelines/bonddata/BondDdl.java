package gov.austintexas.atd.pipelines.bonddata;

import gov.austintexas.atd.pipelines.ConfigFiles;
import gov.austintexas.atd.pipelines.UsageException;
import gov.austintexas.atd.transforms.jdbc.SqlScript;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The bond tables' DDL, from {@code src/bond/ddl.sql}: one {@code CREATE TABLE IF NOT EXISTS} per
 * table.
 */
public final class BondDdl {
  public static final String CONFIG = "bond/ddl.sql";
  private static final Pattern CREATE =
      Pattern.compile(
          "(?is)\\s*create\\s+table\\s+if\\s+not\\s+exists\\s+\"?([a-z_][a-z0-9_]*)\"?\\s*\\(.*");

  private final Map<String, String> statements;
  private final String source;

  private BondDdl(Map<String, String> statements, String source) {
    this.statements = statements;
    this.source = source;
  }

  /** The packed DDL. */
  public static BondDdl load() {
    return load(ConfigFiles.packed());
  }

  public static BondDdl load(ConfigFiles files) {
    String source = files.source(CONFIG);
    Map<String, String> statements = new LinkedHashMap<>();
    for (String statement : SqlScript.statements(files.text(CONFIG))) {
      Matcher create = CREATE.matcher(statement);
      if (!create.matches()) {
        throw new UsageException(
            source + ": every statement must be CREATE TABLE IF NOT EXISTS, not: " + statement);
      }
      statements.put(create.group(1).toLowerCase(Locale.ROOT), statement);
    }
    return new BondDdl(statements, source);
  }

  /** The statement that creates {@code table} when it is absent. */
  public String createStatement(String table) {
    String statement = statements.get(table);
    if (statement == null) {
      throw new UsageException(
          source + " has no CREATE TABLE IF NOT EXISTS " + table + " for the source of that name");
    }
    return statement;
  }
}
