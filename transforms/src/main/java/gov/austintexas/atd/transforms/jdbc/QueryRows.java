package gov.austintexas.atd.transforms.jdbc;

import com.fasterxml.jackson.core.JsonGenerator;
import gov.austintexas.atd.transforms.io.WriteJsonArrayFile;
import gov.austintexas.atd.transforms.progress.ProgressLog;
import java.io.ByteArrayOutputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;

/**
 * One query's rows, mapped to JSON objects ({@link JsonObjectRowMapper}) and handed to a one-file
 * write as the cursor reads them ({@link WriteJsonArrayFile#streaming}), so the extract holds a few
 * fetches of rows at a time. A cursor is read on one worker anyway, so nothing is lost by not being
 * a JdbcIO read.
 *
 * <p>Auto-commit is off and the cursor forward-only, the conditions under which PostgreSQL streams
 * {@code fetchSize} rows at a time instead of loading the whole result. The driver fetches
 * synchronously, so the cursor is read on a thread of its own ({@link RowPrefetch}) while this one
 * writes the JSON: the database produces the next rows while the last ones are written.
 */
public final class QueryRows implements WriteJsonArrayFile.ValueSource {
  private static final long serialVersionUID = 1L;

  private final JdbcSettings database;
  private final String query;
  private final int fetchSize;
  private final JsonObjectRowMapper mapper;
  private final ProgressLog progress;

  private QueryRows(
      JdbcSettings database,
      String query,
      int fetchSize,
      JsonObjectRowMapper mapper,
      ProgressLog progress) {
    this.database = database;
    this.query = query;
    this.fetchSize = fetchSize;
    this.mapper = mapper;
    this.progress = progress;
  }

  /** Logs "{what}: n rows, r rows/s, s s" every 10 s while the query streams. */
  public static QueryRows of(JdbcSettings database, String query, int fetchSize, String what) {
    return new QueryRows(
        database,
        query,
        fetchSize,
        new JsonObjectRowMapper(),
        ProgressLog.of(what, "rows").checkingTimeEvery(1000));
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
        try (ResultSet rows = statement.executeQuery();
            RowPrefetch prefetch = RowPrefetch.start(rows, mapper, progress)) {
          write(prefetch, sink);
        }
      } finally {
        connection.rollback(); // read only: nothing to keep, and the cursor's transaction ends here
      }
    }
  }

  /** Each row as UTF-8 JSON through one generator, straight from its buffer into the sink. */
  private void write(RowPrefetch prefetch, WriteJsonArrayFile.ValueSink sink) throws Exception {
    RowBuffer row = new RowBuffer();
    try (JsonGenerator json = JsonObjectRowMapper.jsonFactory().createGenerator(row)) {
      json.setRootValueSeparator(null); // the file's layout puts the separators in
      for (Object[][] batch = prefetch.next(); batch != null; batch = prefetch.next()) {
        for (Object[] values : batch) {
          mapper.write(json, values);
          json.flush();
          sink.put(row.bytes(), 0, row.size());
          row.reset();
        }
      }
    }
  }

  /** The bytes of one row, reused for the next. */
  private static final class RowBuffer extends ByteArrayOutputStream {
    RowBuffer() {
      super(1024);
    }

    byte[] bytes() {
      return buf;
    }
  }
}
