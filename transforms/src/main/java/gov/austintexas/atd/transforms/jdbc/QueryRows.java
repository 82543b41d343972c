package gov.austintexas.atd.transforms.jdbc;

import gov.austintexas.atd.transforms.io.WriteJsonArrayFile;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import org.apache.beam.sdk.io.jdbc.JdbcIO;

/**
 * One query's rows, mapped to JSON text and handed to a one-file write as the cursor reads them
 * ({@link WriteJsonArrayFile#streaming}), so the extract holds one fetch of rows at a time. A
 * cursor is read on one worker anyway, so nothing is lost by not being a JdbcIO read.
 *
 * <p>Auto-commit is off and the cursor forward-only, the conditions under which PostgreSQL streams
 * {@code fetchSize} rows at a time instead of loading the whole result.
 */
public final class QueryRows implements WriteJsonArrayFile.ValueSource {
  private static final long serialVersionUID = 1L;

  private final JdbcSettings database;
  private final String query;
  private final int fetchSize;
  private final JdbcIO.RowMapper<String> mapper;

  private QueryRows(
      JdbcSettings database, String query, int fetchSize, JdbcIO.RowMapper<String> mapper) {
    this.database = database;
    this.query = query;
    this.fetchSize = fetchSize;
    this.mapper = mapper;
  }

  public static QueryRows of(
      JdbcSettings database, String query, int fetchSize, JdbcIO.RowMapper<String> mapper) {
    return new QueryRows(database, query, fetchSize, mapper);
  }

  @Override
  public void writeTo(WriteJsonArrayFile.ValueSink sink) throws Exception {
    try (Connection connection = database.connect()) {
      connection.setAutoCommit(false);
      try (PreparedStatement statement =
          connection.prepareStatement(
              query, ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
        database.timeouts().limit(statement);
        statement.setFetchSize(fetchSize);
        try (ResultSet rows = statement.executeQuery()) {
          while (rows.next()) {
            sink.put(mapper.mapRow(rows));
          }
        }
      } finally {
        connection.rollback(); // read only: nothing to keep, and the cursor's transaction ends here
      }
    }
  }
}
