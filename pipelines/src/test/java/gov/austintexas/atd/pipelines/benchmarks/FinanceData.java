package gov.austintexas.atd.pipelines.benchmarks;

import gov.austintexas.atd.testing.PostgresSchema;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;

/** The finance-to-s3 benchmark's task-order-shaped tables, made by the server in {@code schema}. */
final class FinanceData {
  private FinanceData() {}

  /**
   * {@code rows} task orders with cents, a negative balance now and then, and text to escape; one
   * FDU each.
   */
  static void load(String schema, int rows) throws Exception {
    try (Connection connection = connect();
        Statement statement = connection.createStatement()) {
      statement.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
      statement.execute("CREATE SCHEMA " + schema);
      statement.execute("SET search_path TO " + schema);
      statement.execute(
          "CREATE TABLE DEPT_2400_TK_VW AS SELECT 2400::numeric AS TASK_ORDER_DEPT, 'TK' ||"
              + " lpad(g::text, 8, '0') AS TASK_ORDER_ID, 'Signal maintenance <zone ' || (g % 97)"
              + " || '> \"' || g || '\"' AS TASK_ORDER_DESC, 'Active' AS TASK_ORDER_STATUS,"
              + " 'Internal Services' AS TASK_ORDER_TYPE, ((g % 100000) * 12.37)::numeric(14,2) AS"
              + " TK_CURR_AMOUNT, ((g % 7000) * 3.05)::numeric(14,2) AS CHARGED_AMOUNT, ((g %"
              + " 100000) * 12.37 - (g % 7000) * 3.05)::numeric(14,2) AS TASK_ORDER_BAL, 'Estimator"
              + " ' || (g % 50) AS TASK_ORDER_ESTIMATOR FROM generate_series(1, "
              + rows
              + ") g");
      statement.execute(
          "CREATE TABLE REL_BUYER_SELLER_FDU_TK AS SELECT 'TK' || lpad(g::text, 8, '0') AS"
              + " TASK_ORD_CD, '8012 6000 ' || (6600 + g % 10) AS BYR_FDU FROM generate_series(1, "
              + rows
              + ") g");
      statement.execute("ANALYZE");
    }
  }

  static void drop(String schema) throws Exception {
    try (Connection connection = connect();
        Statement statement = connection.createStatement()) {
      statement.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    }
  }

  private static Connection connect() throws Exception {
    return DriverManager.getConnection(
        PostgresSchema.serverUrl(), PostgresSchema.user(), PostgresSchema.password());
  }
}
