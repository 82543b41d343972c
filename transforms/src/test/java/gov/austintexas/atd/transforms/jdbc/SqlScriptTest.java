package gov.austintexas.atd.transforms.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class SqlScriptTest {

  @Test
  void splitsAtSemicolonsOutsideTextIdentifiersAndComments() {
    String script =
        "-- a comment; not a statement\n"
            + "CREATE TABLE t (a TEXT);\n"
            + "INSERT INTO t VALUES ('one; two', 'O''Brien;\nnext line');\n"
            + "SELECT \"odd;name\" FROM t -- trailing; comment\n"
            + ";\n\n";

    assertEquals(
        List.of(
            "CREATE TABLE t (a TEXT)",
            "INSERT INTO t VALUES ('one; two', 'O''Brien;\nnext line')",
            "SELECT \"odd;name\" FROM t"),
        SqlScript.statements(script));
  }
}
