package gov.austintexas.atd.pipelines.bondcalculations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import gov.austintexas.atd.pipelines.ConfigFiles;
import gov.austintexas.atd.pipelines.UsageException;
import gov.austintexas.atd.transforms.BadDataException;
import gov.austintexas.atd.transforms.jdbc.JdbcSettings;
import gov.austintexas.atd.transforms.jdbc.ProgressRowMapper;
import gov.austintexas.atd.transforms.jdbc.SqlScript;
import gov.austintexas.atd.transforms.json.ObjectNodeCoder;
import gov.austintexas.atd.transforms.packing.JoinPacking;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.io.jdbc.JdbcIO;
import org.apache.beam.sdk.io.jdbc.JdbcIO.RowMapper;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Impulse;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;

/**
 * The JdbcIO reads of the bond tables that {@code bond-calculations} needs (bond-data loads them).
 * Each read is one streamed query, {@code bond/calculations/{table}.sql} in the configuration
 * ({@link ConfigFiles}), which must return the columns its mapper names; a row whose date, fiscal
 * year or dashboard id is empty cannot be placed in any series, so it fails the run naming the
 * table, row and column.
 */
public final class BondTableReads {
  private final JdbcSettings database;
  private final int fetchSize;
  private final ConfigFiles files;

  BondTableReads(JdbcSettings database, int fetchSize, ConfigFiles files) {
    this.database = database;
    this.fetchSize = fetchSize;
    this.files = files;
  }

  /**
   * The tables bond-calculations reads, each with its query in {@code
   * bond/calculations/{table}.sql}.
   */
  public static final List<String> TABLES =
      List.of(
          "expenses_obligated_2020_bond_raw",
          "expenses_obligated_all_bonds_raw",
          "bond_2020_baseline_spend",
          "bond_2020_current_fy_spend_plan",
          "bond_2020_previous_fy_spend_plan",
          "all_bonds_appropriations",
          "bond_2020_aims_to_dashboard",
          "all_bonds_program_names",
          "all_bonds_aims_to_dashboard");

  /** The configuration file of a table's query. */
  public static String queryFile(String table) {
    return "bond/calculations/" + table + ".sql";
  }

  /** The table's query: its file must hold exactly one statement. */
  public static String query(ConfigFiles files, String table) {
    String file = queryFile(table);
    List<String> statements = SqlScript.statements(files.text(file));
    if (statements.size() != 1) {
      throw new UsageException(
          files.source(file) + " must hold exactly one query, not " + statements.size());
    }
    return statements.get(0);
  }

  /**
   * The rows of expenses_obligated_2020_bond_raw, packed as they are read ({@link
   * FillAndTotal#packing(Coder)}).
   */
  PackedRead<Expense2020Row> expenses2020() {
    return new PackedRead<>(
        this,
        "expenses_obligated_2020_bond_raw",
        new Expense2020Mapper(),
        FillAndTotal.packing(BondCoders.Expense2020Coder.of()));
  }

  /** The rows of expenses_obligated_all_bonds_raw, packed as they are read. */
  PackedRead<AllBondsExpenseRow> allBondsExpenses() {
    return new PackedRead<>(
        this,
        "expenses_obligated_all_bonds_raw",
        new AllBondsExpenseMapper(),
        FillAndTotal.packing(BondCoders.AllBondsExpenseCoder.of()));
  }

  /**
   * A raw expense table read as a cursor that packs its rows into per-bucket batches as it reads
   * them: a JdbcIO read outputs each row as an element, and the DirectRunner holds a step's whole
   * output, so a million rows a table were a million objects in the heap (and most of a run's
   * collections) before the first could be grouped. Like a JdbcIO read, the query runs on one
   * worker, streamed {@code fetchSize} rows at a time.
   */
  static final class PackedRead<R extends ExpenseRow>
      extends PTransform<PBegin, PCollection<KV<Integer, byte[]>>> {
    private static final long serialVersionUID = 1L;
    private final JdbcSettings database;
    private final int fetchSize;
    private final String query;
    private final String table;
    private final RowMapper<R> mapper;
    private final JoinPacking<R> packed;

    PackedRead(BondTableReads reads, String table, RowMapper<R> mapper, JoinPacking<R> packed) {
      this.database = reads.database;
      this.fetchSize = reads.fetchSize;
      this.query = query(reads.files, table);
      this.table = table;
      this.mapper = mapper;
      this.packed = packed;
    }

    @Override
    public PCollection<KV<Integer, byte[]>> expand(PBegin begin) {
      return begin
          .apply("Start", Impulse.create())
          .apply("Query and pack", ParDo.of(new ReadFn<>(this)))
          .setCoder(FillAndTotal.PACKED);
    }

    static class ReadFn<R extends ExpenseRow> extends DoFn<byte[], KV<Integer, byte[]>> {
      private static final long serialVersionUID = 1L;
      private final JdbcSettings database;
      private final int fetchSize;
      private final String query;
      private final RowMapper<R> mapper;
      private final JoinPacking<R> packed;

      ReadFn(PackedRead<R> read) {
        this.database = read.database;
        this.fetchSize = read.fetchSize;
        this.query = read.query;
        this.mapper = ProgressRowMapper.of(read.mapper, "bond-calculations read " + read.table);
        this.packed = read.packed;
      }

      @ProcessElement
      public void processElement(OutputReceiver<KV<Integer, byte[]>> out) throws Exception {
        JoinPacking.Packer<R> packer = packed.newPacker();
        try (Connection connection = database.connect()) {
          connection.setAutoCommit(false); // PostgreSQL streams a fetch size only without it
          try (PreparedStatement statement =
              connection.prepareStatement(
                  query, ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
            database.timeouts().limit(statement);
            statement.setFetchSize(fetchSize);
            try (ResultSet rows = statement.executeQuery()) {
              while (rows.next()) {
                KV<Integer, byte[]> full = packer.add(FillAndTotal.keyed(mapper.mapRow(rows)));
                if (full != null) {
                  out.output(full);
                }
              }
            }
          } finally {
            connection.rollback(); // read only: the cursor's transaction ends here
          }
        }
        packer.drain(out::output);
      }
    }
  }

  /** Baseline, spend plan and appropriation rows: a dashboard id, a date and an amount. */
  JdbcIO.Read<DatedAmount> datedAmounts(String table) {
    return read(table, new DatedAmountMapper(table), BondCoders.DatedAmountCoder.of());
  }

  /** Every column of a table, as it is, formatted for Socrata. */
  JdbcIO.Read<ObjectNode> asIs(String table) {
    return read(table, new AsIsMapper(), ObjectNodeCoder.of());
  }

  /** Reads on one worker (a cursor cannot be split), logging the rows so far every 10 s. */
  private <T> JdbcIO.Read<T> read(String table, RowMapper<T> mapper, Coder<T> coder) {
    return JdbcIO.<T>read()
        .withDataSourceConfiguration(database.toDataSourceConfiguration())
        .withQuery(query(files, table))
        .withStatementPreparator(database.timeouts().statementLimit())
        .withRowMapper(ProgressRowMapper.of(mapper, "bond-calculations read " + table))
        .withCoder(coder)
        .withFetchSize(fetchSize)
        .withOutputParallelization(false);
  }

  /** The columns both raw expense tables have; a row without a date cannot be placed. */
  private record ExpenseColumns(
      long ordinal,
      Integer department,
      LocalDate date,
      BigDecimal obligated,
      BigDecimal expenses,
      LocalDateTime updatedAt) {
    static ExpenseColumns read(String table, ResultSet row) throws SQLException {
      long ordinal = row.getLong("ordinal");
      return new ExpenseColumns(
          ordinal,
          integer(row, "department"),
          required(table, ordinal, "date", BondTableReads.date(row, "date")),
          row.getBigDecimal("obligated"),
          row.getBigDecimal("expenses"),
          timestamp(row, "updated_at"));
    }
  }

  static class Expense2020Mapper implements RowMapper<Expense2020Row> {
    private static final long serialVersionUID = 1L;
    private static final String TABLE = "expenses_obligated_2020_bond_raw";

    @Override
    public Expense2020Row mapRow(ResultSet row) throws SQLException {
      ExpenseColumns common = ExpenseColumns.read(TABLE, row);
      String fund = row.getString("fund");
      String division = row.getString("division");
      String group = row.getString("group");
      return new Expense2020Row(
          fund,
          common.department(),
          common.date(),
          group,
          required(TABLE, common.ordinal(), "fiscal_year", integer(row, "fiscal_year")),
          division,
          common.obligated(),
          common.expenses(),
          common.updatedAt(),
          Expense2020Row.groupKey(common.department(), fund, division, group),
          common.ordinal());
    }
  }

  static class AllBondsExpenseMapper implements RowMapper<AllBondsExpenseRow> {
    private static final long serialVersionUID = 1L;
    private static final String TABLE = "expenses_obligated_all_bonds_raw";

    @Override
    public AllBondsExpenseRow mapRow(ResultSet row) throws SQLException {
      ExpenseColumns common = ExpenseColumns.read(TABLE, row);
      String fundCode = row.getString("fund_code");
      String divisionCode = row.getString("division_code");
      String groupCode = row.getString("group_code");
      return new AllBondsExpenseRow(
          fundCode,
          row.getString("fund_long_name"),
          divisionCode,
          row.getString("division_long_name"),
          common.department(),
          row.getString("department_long_name"),
          common.date(),
          groupCode,
          row.getString("group_long_name"),
          common.obligated(),
          common.expenses(),
          common.updatedAt(),
          AllBondsExpenseRow.groupKey(common.department(), fundCode, divisionCode, groupCode),
          common.ordinal());
    }
  }

  static class DatedAmountMapper implements RowMapper<DatedAmount> {
    private static final long serialVersionUID = 1L;
    private final String table;

    DatedAmountMapper(String table) {
      this.table = table;
    }

    @Override
    public DatedAmount mapRow(ResultSet row) throws SQLException {
      long ordinal = row.getLong("ordinal");
      return new DatedAmount(
          required(
              table,
              ordinal,
              "dashboard_deptfundprogact",
              row.getString("dashboard_deptfundprogact")),
          required(table, ordinal, "date", date(row, "date")),
          row.getBigDecimal("amount"));
    }
  }

  /**
   * Keeps every column in table order; decimals exact, dates and timestamps as Socrata writes them.
   */
  static class AsIsMapper implements RowMapper<ObjectNode> {
    private static final long serialVersionUID = 1L;

    @Override
    public ObjectNode mapRow(ResultSet row) throws SQLException {
      ResultSetMetaData columns = row.getMetaData();
      ObjectNode node = SocrataValues.row();
      for (int i = 1; i <= columns.getColumnCount(); i++) {
        String name = columns.getColumnLabel(i);
        switch (columns.getColumnType(i)) {
          case Types.NUMERIC, Types.DECIMAL -> SocrataValues.put(node, name, row.getBigDecimal(i));
          case Types.INTEGER, Types.SMALLINT, Types.BIGINT ->
              SocrataValues.put(node, name, row.getBigDecimal(i));
          case Types.DATE -> SocrataValues.put(node, name, row.getObject(i, LocalDate.class));
          case Types.TIMESTAMP ->
              SocrataValues.put(node, name, row.getObject(i, LocalDateTime.class));
          default -> SocrataValues.put(node, name, row.getString(i));
        }
      }
      return node;
    }
  }

  private static Integer integer(ResultSet row, String column) throws SQLException {
    int value = row.getInt(column);
    return row.wasNull() ? null : value;
  }

  private static LocalDate date(ResultSet row, String column) throws SQLException {
    return row.getObject(column, LocalDate.class);
  }

  private static LocalDateTime timestamp(ResultSet row, String column) throws SQLException {
    return row.getObject(column, LocalDateTime.class);
  }

  private static <T> T required(String table, long ordinal, String column, T value) {
    if (value == null) {
      throw new BadDataException(
          table
              + " row "
              + ordinal
              + ", column "
              + column
              + ": the value is empty; the calculations need it to place the row");
    }
    return value;
  }
}
