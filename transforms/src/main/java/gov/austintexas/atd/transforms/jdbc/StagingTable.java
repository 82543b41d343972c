package gov.austintexas.atd.transforms.jdbc;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Serializable;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.beam.sdk.values.Row;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyOutputStream;

/**
 * An unlogged table beside a target table, with the target's column types and no constraints, that
 * workers fill with PostgreSQL's COPY before one transaction swaps its rows into the target. Names
 * are quoted identifiers.
 *
 * <p>On any other database (H2 in PostgreSQL mode, the demo's warehouse) the table is a plain one
 * filled with batched INSERTs: same outcome, without PostgreSQL's speed.
 */
final class StagingTable implements Serializable {
  private static final long serialVersionUID = 1L;
  private final String target;
  private final String name;
  private final List<String> columns;

  StagingTable(String target, String name, List<String> columns) {
    this.target = target;
    this.name = name;
    this.columns = List.copyOf(columns);
  }

  String name() {
    return name;
  }

  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMddHHmmss").withZone(ZoneOffset.UTC);

  /**
   * A new staging table's quoted name: {@code {table}_staging_{UTC yyyyMMddHHmmss}_{6 hex}}, unique
   * to one pipeline construction, so concurrent runs keep apart and a later run can tell the tables
   * that a killed run left by their time.
   */
  static String nameFor(String table) {
    return ReplaceTableRows.identifier(
        table
            + "_staging_"
            + STAMP.format(Instant.now())
            + "_"
            + UUID.randomUUID().toString().substring(0, 6));
  }

  /** See {@link ReplaceTableRows#removeLeftovers}; {@code table} unquoted. */
  static List<String> dropLeftovers(Connection connection, String table, Instant before)
      throws SQLException {
    Pattern stamped = Pattern.compile(Pattern.quote(table) + "_staging_(\\d{14})_[0-9a-f]{6}");
    Pattern unstamped = Pattern.compile(Pattern.quote(table) + "_staging_[0-9a-f]{8}");
    DatabaseMetaData metadata = connection.getMetaData();
    String escape = metadata.getSearchStringEscape();
    String like = (table + "_staging_").replace("_", escape + "_") + "%";
    List<String> old = new ArrayList<>();
    try (ResultSet tables =
        metadata.getTables(connection.getCatalog(), connection.getSchema(), like, null)) {
      while (tables.next()) {
        String name = tables.getString("TABLE_NAME");
        Matcher time = stamped.matcher(name);
        // Named at second S, made within [S, S+1): older than the run only if S+1 <= its start.
        if ((time.matches()
                && !Instant.from(STAMP.parse(time.group(1))).plusSeconds(1).isAfter(before))
            || unstamped.matcher(name).matches()) {
          old.add(name);
        }
      }
    }
    List<String> dropped = new ArrayList<>();
    boolean postgres = isPostgres(connection);
    connection.setAutoCommit(true);
    try (Statement statement = connection.createStatement()) {
      if (postgres) {
        // A table a live run still fills holds a lock: give up on it rather than wait.
        statement.execute("SET lock_timeout = '2s'");
      }
      for (String name : old) {
        try {
          statement.execute("DROP TABLE IF EXISTS \"" + name + "\"");
          dropped.add("table " + name);
        } catch (SQLException inUse) {
          // Still in use, or already gone: not a leftover to remove now.
        }
      }
    }
    return dropped;
  }

  /**
   * Creates the table unless it exists; the advisory lock makes workers that come together create
   * it once.
   */
  void createIfAbsent(Connection connection) throws SQLException {
    boolean postgres = isPostgres(connection);
    connection.setAutoCommit(false);
    try (Statement statement = connection.createStatement()) {
      if (postgres) {
        statement.execute(
            "SELECT pg_advisory_xact_lock(hashtext('" + name.replace("\"", "") + "'))");
      }
      statement.execute(
          "CREATE "
              + (postgres ? "UNLOGGED " : "")
              + "TABLE IF NOT EXISTS "
              + name
              + " AS SELECT "
              + String.join(", ", columns)
              + " FROM "
              + target
              + " WITH NO DATA");
      connection.commit();
    } catch (SQLException e) {
      connection.rollback();
      throw e;
    }
  }

  /** PostgreSQL's own driver: COPY, unlogged tables, advisory and table locks are there. */
  static boolean isPostgres(Connection connection) throws SQLException {
    return connection.isWrapperFor(PGConnection.class);
  }

  /**
   * Starts a COPY of rows (fields in column order) in a transaction of its own on this connection.
   */
  Copy copy(Connection connection) throws SQLException {
    connection.setAutoCommit(false);
    if (!isPostgres(connection)) {
      return new InsertBatches(
          connection,
          connection.prepareStatement(
              "INSERT INTO "
                  + name
                  + " ("
                  + String.join(", ", columns)
                  + ") VALUES ("
                  + String.join(", ", Collections.nCopies(columns.size(), "?"))
                  + ")"));
    }
    PGCopyOutputStream stream =
        new PGCopyOutputStream(
            connection.unwrap(PGConnection.class),
            "COPY " + name + " (" + String.join(", ", columns) + ") FROM STDIN WITH (FORMAT csv)",
            1 << 16);
    try {
      return new CopyIn(
          connection,
          stream,
          new CSVPrinter(
              new BufferedWriter(new OutputStreamWriter(stream, UTF_8), 1 << 16),
              CSVFormat.POSTGRESQL_CSV));
    } catch (IOException e) {
      stream.cancelCopy();
      throw new SQLException("cannot start COPY into " + name, e);
    }
  }

  /**
   * Rows going into the staging table in one transaction: rows in, then {@link #commit} or {@link
   * #cancel}.
   */
  interface Copy {
    void write(Row row) throws IOException, SQLException;

    /** Ends the copy and commits it; the number of rows copied. */
    long commit() throws IOException, SQLException;

    void cancel();
  }

  /** One PostgreSQL COPY in progress. */
  static final class CopyIn implements Copy {
    private final Connection connection;
    private final PGCopyOutputStream stream;
    private final CSVPrinter printer;
    private final List<String> values = new ArrayList<>();
    private long rows;

    private CopyIn(Connection connection, PGCopyOutputStream stream, CSVPrinter printer) {
      this.connection = connection;
      this.stream = stream;
      this.printer = printer;
    }

    @Override
    public void write(Row row) throws IOException {
      values.clear();
      for (int i = 0; i < row.getFieldCount(); i++) {
        values.add(text(row.getValue(i)));
      }
      printer.printRecord(values);
      rows++;
    }

    @Override
    public long commit() throws IOException, SQLException {
      printer.close();
      connection.commit();
      return rows;
    }

    @Override
    public void cancel() {
      try {
        if (stream.isActive()) {
          stream.cancelCopy();
        }
        connection.rollback();
      } catch (SQLException ignored) {
        // The connection is closed in teardown either way.
      }
    }

    /** COPY's CSV text: null is an unquoted empty field, everything else is quoted. */
    private static String text(Object value) {
      if (value == null) {
        return null;
      }
      if (value instanceof BigDecimal decimal) {
        return decimal.toPlainString();
      }
      return value.toString(); // String, Integer, LocalDate (ISO 8601)
    }
  }

  /** Batched INSERTs, for databases without COPY. */
  static final class InsertBatches implements Copy {
    private static final int BATCH = 1000;
    private final Connection connection;
    private final PreparedStatement insert;
    private long rows;

    private InsertBatches(Connection connection, PreparedStatement insert) {
      this.connection = connection;
      this.insert = insert;
    }

    @Override
    public void write(Row row) throws SQLException {
      for (int i = 0; i < row.getFieldCount(); i++) {
        insert.setObject(i + 1, row.getValue(i));
      }
      insert.addBatch();
      if (++rows % BATCH == 0) {
        insert.executeBatch();
      }
    }

    @Override
    public long commit() throws SQLException {
      insert.executeBatch();
      insert.close();
      connection.commit();
      return rows;
    }

    @Override
    public void cancel() {
      try {
        insert.close();
        connection.rollback();
      } catch (SQLException ignored) {
        // The connection is closed in teardown either way.
      }
    }
  }
}
