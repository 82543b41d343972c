package gov.austintexas.atd.transforms.jdbc;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a SQL script into statements at semicolons that are outside quoted text and outside {@code
 * --} comments, so sample data may hold semicolons, quotes and newlines in its strings.
 */
public final class SqlScript {
  private SqlScript() {}

  public static List<String> statements(String script) {
    List<String> statements = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    boolean inText = false;
    boolean inIdentifier = false;
    for (int i = 0; i < script.length(); i++) {
      char c = script.charAt(i);
      if (!inText
          && !inIdentifier
          && c == '-'
          && i + 1 < script.length()
          && script.charAt(i + 1) == '-') {
        int end = script.indexOf('\n', i);
        i = end < 0 ? script.length() : end;
        current.append('\n');
        continue;
      }
      if (c == '\'' && !inIdentifier) {
        inText = !inText; // '' inside text toggles twice and stays in text
      } else if (c == '"' && !inText) {
        inIdentifier = !inIdentifier;
      } else if (c == ';' && !inText && !inIdentifier) {
        addIfNotBlank(statements, current);
        current.setLength(0);
        continue;
      }
      current.append(c);
    }
    addIfNotBlank(statements, current);
    return statements;
  }

  private static void addIfNotBlank(List<String> statements, StringBuilder statement) {
    String sql = statement.toString().strip();
    if (!sql.isEmpty()) {
      statements.add(sql);
    }
  }
}
