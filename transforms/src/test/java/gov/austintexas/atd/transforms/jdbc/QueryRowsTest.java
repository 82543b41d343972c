package gov.austintexas.atd.transforms.jdbc;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gov.austintexas.atd.testing.PostgresSchema;
import gov.austintexas.atd.transforms.io.WriteJsonArrayFile;
import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * QueryRows reads the cursor on a thread of its own and writes UTF-8: the values are those of
 * {@link JsonObjectRowMapper#mapRow}, in order, and a failure on either side ends the read.
 */
class QueryRowsTest {

  @RegisterExtension static final PostgresSchema postgres = new PostgresSchema();

  @Test
  void writesWhatTheRowMapperWritesInCursorOrder() throws Exception {
    postgres.execute(
        "CREATE TABLE sample AS SELECT g AS id, (g * 12.37)::numeric(14,2) AS amount,"
            + " 'Zone <' || g || '> \"José\" ñ \\' || chr(9) AS name, g % 2 = 0 AS even,"
            + " DATE '2024-01-31' + g AS day FROM generate_series(1, 2500) g;\n"
            + "INSERT INTO sample VALUES (NULL, NULL, NULL, NULL, NULL);");
    String query = "SELECT id AS \"ID\", amount, name, even, day FROM sample ORDER BY id";

    List<String> expected = new ArrayList<>();
    JsonObjectRowMapper mapper = new JsonObjectRowMapper();
    try (Connection connection = postgres.connect();
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(query)) {
      while (rows.next()) {
        expected.add(mapper.mapRow(rows));
      }
    }
    Collected written = new Collected(Integer.MAX_VALUE);
    QueryRows.of(database(), query, 100, "test").writeTo(written);

    assertEquals(2501, expected.size());
    assertEquals(expected, written.values);
  }

  @Test
  void aFailedFetchComesOutAsItWasThrown() {
    Collected written = new Collected(Integer.MAX_VALUE);
    SQLException failure =
        assertThrows(
            SQLException.class,
            () ->
                QueryRows.of(
                        database(),
                        "SELECT 1 / (g - 3000) AS x FROM generate_series(1, 5000) g",
                        100,
                        "test")
                    .writeTo(written));

    assertTrue(failure.getMessage().contains("division by zero"), failure::getMessage);
  }

  @Test
  void aFailedWriteStopsTheRead() {
    Collected written = new Collected(1500);
    IOException failure =
        assertThrows(
            IOException.class,
            () ->
                QueryRows.of(
                        database(), "SELECT g AS x FROM generate_series(1, 1000000) g", 100, "test")
                    .writeTo(written));

    assertSame(written.failure, failure);
    assertEquals(1500, written.values.size());
  }

  private static JdbcSettings database() {
    return new JdbcSettings(postgres.jdbcUrl(), PostgresSchema.user(), null);
  }

  /** Keeps the values as text; fails once {@code limit} values are in. */
  private static final class Collected implements WriteJsonArrayFile.ValueSink {
    final List<String> values = new ArrayList<>();
    final IOException failure = new IOException("the part could not be written");
    private final int limit;

    Collected(int limit) {
      this.limit = limit;
    }

    @Override
    public void put(String value) throws IOException {
      throw new AssertionError("QueryRows gives UTF-8");
    }

    @Override
    public void put(byte[] utf8, int offset, int length) throws IOException {
      if (values.size() == limit) {
        throw failure;
      }
      values.add(new String(utf8, offset, length, UTF_8));
    }
  }
}
