package gov.austintexas.atd.pipelines;

import java.util.List;

/** Expected outputs kept as test resources, and the record types they cover. */
public final class Expected {
  public static final List<String> RECORD_TYPES =
      List.of("task_orders", "units", "objects", "master_agreements", "fdus", "subprojects");

  private Expected() {}

  /** The exact file {@code finance-to-s3} must write for the sample data. */
  public static String financeFile(String recordType) {
    return Resources.text("expected/finance/" + recordType + ".json");
  }

  /** The sample finance data that the demo loads, for loading into PostgreSQL in tests. */
  public static String sampleFinanceData() {
    return Resources.text("atd/sample/finance-sample.sql");
  }

  /**
   * The sample data with the subprojects view created in the current schema instead of MSTR_IA_DEV,
   * for test classes that keep to their own schema and don't extract subprojects.
   */
  public static String sampleFinanceDataInOneSchema() {
    return sampleFinanceData()
        .replace("CREATE SCHEMA IF NOT EXISTS MSTR_IA_DEV;", "")
        .replace("MSTR_IA_DEV.", "");
  }
}
