package gov.austintexas.atd.transforms.jdbc;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.Sum;
import org.apache.beam.sdk.transforms.windowing.GlobalWindow;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.Row;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replaces all rows of a PostgreSQL table (or an H2 one, see {@link StagingTable}) with the input
 * rows, in one transaction: readers and a failed run see the old rows, never a mix, never
 * duplicates.
 *
 * <p>The rows are first copied (PostgreSQL's COPY, by every worker, one transaction per bundle)
 * into an unlogged staging table beside the target. Once all are staged, one step deletes the
 * target's rows, inserts the staged ones with the stamp column (e.g. {@code updated_at}) set, and
 * drops the staging table, all in one transaction. JdbcIO.write commits per batch, so it cannot
 * give this. The target keeps its identity: grants, constraints and views on it stay.
 *
 * <p>When the {@link #unless} count is above zero (the input had invalid rows), or any statement
 * fails, the target is left exactly as it was and the outcome says why; that is an output, not an
 * exception, so that other tables in the same pipeline still load.
 */
public class ReplaceTableRows extends PTransform<PCollection<Row>, PCollection<ReplaceOutcome>> {
  private static final long serialVersionUID = 1L;
  private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]*");

  private final JdbcSettings database;
  private final String table;
  private final String stampColumn;
  private final LocalDateTime stamp;
  private final transient PCollectionView<Long> problems;

  private ReplaceTableRows(
      JdbcSettings database,
      String table,
      String stampColumn,
      LocalDateTime stamp,
      PCollectionView<Long> problems) {
    this.database = database;
    this.table = table;
    this.stampColumn = stampColumn;
    this.stamp = stamp;
    this.problems = problems;
  }

  public static ReplaceTableRows into(JdbcSettings database, String table) {
    return new ReplaceTableRows(database, table, null, null, null);
  }

  /** Sets {@code column} of every new row to {@code value} (the run's start time, say). */
  public ReplaceTableRows stamping(String column, LocalDateTime value) {
    return new ReplaceTableRows(database, table, column, value, problems);
  }

  /** Leaves the table as it was when this count (of invalid input rows, say) is above zero. */
  public ReplaceTableRows unless(PCollectionView<Long> problemCount) {
    return new ReplaceTableRows(database, table, stampColumn, stamp, problemCount);
  }

  @Override
  public PCollection<ReplaceOutcome> expand(PCollection<Row> rows) {
    // A staging table per pipeline construction keeps concurrent runs apart.
    String target = identifier(table);
    String staging = StagingTable.nameFor(table);
    String stamped = stampColumn == null ? null : identifier(stampColumn);
    List<String> columns = new ArrayList<>();
    rows.getSchema().getFieldNames().forEach(name -> columns.add(identifier(name)));
    ParDo.SingleOutput<Long, ReplaceOutcome> swap =
        ParDo.of(new SwapFn(database, target, staging, columns, stamped, stamp, problems));
    return rows.apply(
            "Stage rows",
            ParDo.of(new CopyToStagingFn(database, new StagingTable(target, staging, columns))))
        .apply("Count staged", Sum.longsGlobally())
        .apply("Replace " + table, problems == null ? swap : swap.withSideInputs(problems));
  }

  /**
   * Drops the staging tables that killed runs left beside {@code table}: those whose name says they
   * were made before {@code before} (see {@link StagingTable#nameFor}), and those named without a
   * time (by earlier versions). One still in use by a live run is skipped, not waited for. Returns
   * what was dropped.
   */
  public static List<String> removeLeftovers(JdbcSettings database, String table, Instant before)
      throws SQLException {
    try (Connection connection = database.connect()) {
      return StagingTable.dropLeftovers(connection, unquoted(identifier(table)), before);
    }
  }

  static String unquoted(String identifier) {
    return identifier.substring(1, identifier.length() - 1);
  }

  /** A lower-case name, quoted: names such as {@code group} and {@code date} are SQL keywords. */
  static String identifier(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    if (!IDENTIFIER.matcher(lower).matches()) {
      throw new IllegalArgumentException("not a plain SQL identifier: " + name);
    }
    return '"' + lower + '"';
  }

  /** Streams each bundle's rows into the staging table with COPY, one transaction per bundle. */
  static class CopyToStagingFn extends DoFn<Row, Long> {
    private static final long serialVersionUID = 1L;
    private final Counter staged = Metrics.counter(ReplaceTableRows.class, "rows_staged");
    private final JdbcSettings database;
    private final StagingTable staging;

    private transient Connection connection;
    private transient boolean stagingReady;
    private transient StagingTable.Copy copy;

    CopyToStagingFn(JdbcSettings database, StagingTable staging) {
      this.database = database;
      this.staging = staging;
    }

    @Setup
    public void setup() throws SQLException {
      connection = database.connect();
    }

    @StartBundle
    public void startBundle() {
      copy = null;
    }

    @ProcessElement
    public void processElement(@Element Row row) throws SQLException, IOException {
      if (copy == null) {
        if (!stagingReady) {
          staging.createIfAbsent(connection);
          stagingReady = true;
        }
        copy = staging.copy(connection);
      }
      copy.write(row);
    }

    @FinishBundle
    public void finishBundle(FinishBundleContext context) throws SQLException, IOException {
      if (copy == null) {
        return;
      }
      long rows = copy.commit();
      copy = null;
      staged.inc(rows);
      context.output(rows, GlobalWindow.INSTANCE.maxTimestamp(), GlobalWindow.INSTANCE);
    }

    @Teardown
    public void teardown() throws SQLException {
      if (copy != null) {
        copy.cancel();
      }
      if (connection != null) {
        connection.close();
      }
    }
  }

  /** Once every row is staged: the one transaction that swaps the target's rows, or nothing. */
  static class SwapFn extends DoFn<Long, ReplaceOutcome> {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(ReplaceTableRows.class);

    /** PostgreSQL's SQLSTATE when lock_timeout ran out. */
    private static final String LOCK_NOT_AVAILABLE = "55P03";

    private final JdbcSettings database;
    private final String table;
    private final String staging;
    private final List<String> columns;
    private final String stampColumn;
    private final LocalDateTime stamp;
    private final PCollectionView<Long> problems;

    SwapFn(
        JdbcSettings database,
        String table,
        String staging,
        List<String> columns,
        String stampColumn,
        LocalDateTime stamp,
        PCollectionView<Long> problems) {
      this.database = database;
      this.table = table;
      this.staging = staging;
      this.columns = columns;
      this.stampColumn = stampColumn;
      this.stamp = stamp;
      this.problems = problems;
    }

    @ProcessElement
    public void processElement(@Element Long staged, ProcessContext context) {
      long problemCount = problems == null ? 0 : context.sideInput(problems);
      try (Connection connection = database.connect()) {
        if (problemCount > 0 || staged == 0) {
          dropStaging(connection);
          context.output(
              ReplaceOutcome.leftAsItWas(
                  unquoted(table),
                  problemCount > 0 ? "the input has invalid rows" : "there are no rows to load"));
          return;
        }
        context.output(swap(connection, staged));
      } catch (SQLException e) {
        context.output(
            ReplaceOutcome.failed(
                unquoted(table), "the database failed: " + oneLine(e.getMessage())));
      }
    }

    private ReplaceOutcome swap(Connection connection, long staged) throws SQLException {
      String targetColumns =
          String.join(", ", columns) + (stampColumn == null ? "" : ", " + stampColumn);
      String sourceColumns = String.join(", ", columns) + (stampColumn == null ? "" : ", ?");
      JdbcTimeouts timeouts = database.timeouts();
      connection.setAutoCommit(false);
      try (Statement statement = timeouts.limit(connection.createStatement());
          PreparedStatement insert =
              timeouts.limit(
                  connection.prepareStatement(
                      "INSERT INTO "
                          + table
                          + " ("
                          + targetColumns
                          + ") SELECT "
                          + sourceColumns
                          + " FROM "
                          + staging))) {
        // Other writers wait; readers go on reading the old rows until the commit. (H2, the demo's
        // stand-in, has no such lock mode; its DELETE locks the table.) Waiting for the lock has
        // its own limit, so a run behind a stuck writer ends instead of waiting forever.
        if (StagingTable.isPostgres(connection)) {
          statement.execute(timeouts.setLocalLockTimeout());
          try {
            statement.execute("LOCK TABLE " + table + " IN SHARE ROW EXCLUSIVE MODE");
          } catch (SQLException locked) {
            if (!LOCK_NOT_AVAILABLE.equals(locked.getSQLState())) {
              throw locked;
            }
            throw new SQLException(
                "could not lock "
                    + unquoted(table)
                    + " within "
                    + timeouts.lock().toMillis()
                    + " ms, another session holds it ("
                    + oneLine(locked.getMessage())
                    + ")",
                locked.getSQLState(),
                locked);
          }
        }
        statement.executeUpdate("DELETE FROM " + table);
        if (stampColumn != null) {
          insert.setObject(1, stamp);
        }
        int inserted = insert.executeUpdate();
        // A bundle that a runner retried after its COPY committed leaves its rows twice in staging.
        if (inserted != staged) {
          throw new SQLException(
              staged + " rows were staged but " + inserted + " were found in " + staging);
        }
        statement.execute("DROP TABLE " + staging);
        connection.commit();
        return ReplaceOutcome.replaced(unquoted(table), inserted);
      } catch (SQLException e) {
        rollBack(connection);
        LOG.warn("{} was left as it was: {}", unquoted(table), e.getMessage());
        return refusedByData(e)
            ? ReplaceOutcome.leftAsItWas(
                unquoted(table), "the database refused the new rows: " + oneLine(e.getMessage()))
            : ReplaceOutcome.failed(
                unquoted(table),
                "the replace failed and was rolled back: " + oneLine(e.getMessage()));
      }
    }

    /**
     * SQLSTATE class 22 (data exception) or 23 (a constraint): the rows, not the database, are at
     * fault.
     */
    private static boolean refusedByData(SQLException e) {
      String state = e.getSQLState();
      return state != null && (state.startsWith("22") || state.startsWith("23"));
    }

    /** The rollback and the staging table's removal may fail too when the connection is gone. */
    private void rollBack(Connection connection) {
      try {
        connection.rollback();
        connection.setAutoCommit(true);
      } catch (SQLException e) {
        LOG.warn(
            "the rollback of {} failed (the server rolls back an open transaction itself): {}",
            unquoted(table),
            e.getMessage());
        return;
      }
      dropStaging(connection);
    }

    private static String oneLine(String message) {
      return message == null ? "" : message.strip().replaceAll("\\s*\\n\\s*", " ");
    }

    private void dropStaging(Connection connection) {
      try (Statement statement = connection.createStatement()) {
        statement.execute("DROP TABLE IF EXISTS " + staging);
      } catch (SQLException e) {
        LOG.warn("could not drop the staging table {}: {}", staging, e.getMessage());
      }
    }
  }
}
