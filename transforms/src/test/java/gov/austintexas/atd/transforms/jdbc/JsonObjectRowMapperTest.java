package gov.austintexas.atd.transforms.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import gov.austintexas.atd.testing.PostgresSchema;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The finance extract's value rules, read from a real PostgreSQL result set. */
class JsonObjectRowMapperTest {

  @RegisterExtension static final PostgresSchema postgres = new PostgresSchema();

  @Test
  void mapsEveryColumnTypeByTheSpecsValueRules() throws Exception {
    postgres.execute(
        "CREATE TABLE sample (id INTEGER, amount NUMERIC(14,2), big NUMERIC, ratio DOUBLE"
            + " PRECISION, name TEXT, flag BOOLEAN, day DATE, moment TIMESTAMP);\n"
            + "INSERT INTO sample VALUES (2400, 1234.50, 12345678901234567890.123400, 0.1,"
            + " 'O''Brien \"<b>\" says:\n"
            + "José > 5 & ñ \\ done' || chr(9) || chr(1), true, DATE '2024-01-31', TIMESTAMP"
            + " '2024-01-31 13:45:00');\n"
            + "INSERT INTO sample VALUES (-7, -0.05, 0.000, NULL, '', NULL, NULL, NULL);\n"
            + "INSERT INTO sample VALUES (NULL, 100.00, 1E-7, -2.5, NULL, false, NULL, TIMESTAMP"
            + " '2024-02-01 00:00:00.25');");

    List<String> rows = new ArrayList<>();
    JsonObjectRowMapper mapper = new JsonObjectRowMapper();
    try (Connection connection = postgres.connect();
        Statement statement = connection.createStatement();
        ResultSet resultSet =
            statement.executeQuery(
                "SELECT id AS \"ID\", amount AS \"AMOUNT\", big, ratio, name, flag, day, moment"
                    + " FROM sample ORDER BY amount DESC")) {
      while (resultSet.next()) {
        rows.add(mapper.mapRow(resultSet));
      }
    }

    assertEquals(
        List.of(
            "{\"ID\":2400,\"AMOUNT\":1234.5,\"big\":12345678901234567890.1234,\"ratio\":0.1,\"name\":\"O'Brien"
                + " \\\"<b>\\\" says:\\n"
                + "José > 5 & ñ \\\\ done\\t\\u0001\",\"flag\":true,"
                + "\"day\":\"2024-01-31\",\"moment\":\"2024-01-31T13:45:00\"}",
            "{\"ID\":null,\"AMOUNT\":100,\"big\":0.0000001,\"ratio\":-2.5,\"name\":null,"
                + "\"flag\":false,\"day\":null,\"moment\":\"2024-02-01T00:00:00.25\"}",
            "{\"ID\":-7,\"AMOUNT\":-0.05,\"big\":0,\"ratio\":null,\"name\":\"\",\"flag\":null,"
                + "\"day\":null,\"moment\":null}"),
        rows);
  }
}
