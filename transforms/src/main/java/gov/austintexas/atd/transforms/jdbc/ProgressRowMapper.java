package gov.austintexas.atd.transforms.jdbc;

import gov.austintexas.atd.transforms.progress.ProgressLog;
import java.sql.ResultSet;
import org.apache.beam.sdk.io.jdbc.JdbcIO;

/**
 * A row mapper that also counts rows into a {@link ProgressLog}. The mapper is the only code of
 * ours inside JdbcIO's read loop, so this is where a long query's progress can be seen while it
 * streams (a step after the read would only see the rows once the read's bundle is done).
 */
public final class ProgressRowMapper<T> implements JdbcIO.RowMapper<T> {
  private static final long serialVersionUID = 1L;

  /** Rows between clock reads: cheap next to mapping a row, frequent enough for a 10 s interval. */
  private static final int CHECK_EVERY = 1000;

  private final JdbcIO.RowMapper<T> mapper;
  private final ProgressLog progress;

  private ProgressRowMapper(JdbcIO.RowMapper<T> mapper, ProgressLog progress) {
    this.mapper = mapper;
    this.progress = progress;
  }

  /** Logs "{what}: n rows, r rows/s, s s" every 10 s while the query streams. */
  public static <T> ProgressRowMapper<T> of(JdbcIO.RowMapper<T> mapper, String what) {
    return new ProgressRowMapper<>(
        mapper, ProgressLog.of(what, "rows").checkingTimeEvery(CHECK_EVERY));
  }

  @Override
  public T mapRow(ResultSet row) throws Exception {
    T mapped = mapper.mapRow(row);
    progress.add(1);
    return mapped;
  }
}
