package gov.austintexas.atd.pipelines.demo;

import gov.austintexas.atd.emulators.socrata.SocrataEmulator;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * A {@link SocrataEmulator} with the fake credentials, the four finance datasets that
 * {@code s3-to-socrata} upserts (each with the columns and row identifier of the real one) and
 * the seven bond datasets that {@code bond-calculations} replaces, under their default ids.
 */
public final class EmulatedSocrata {
  public static final String APP_TOKEN = "emulated-app-token";
  public static final String KEY_ID = "emulated-key-id";
  public static final String KEY_SECRET = "emulated-key-secret";
  public static final String TASK_ORDERS = "task-0001";
  public static final String DEPT_UNITS = "unit-0001";
  public static final String FDUS = "fdus-0001";
  public static final String SUBPROJECTS = "subp-0001";

  private static final List<String> EXPENSES_2020 = List.of("fund", "department", "date", "group", "fiscal_year",
      "division", "obligated", "expenses", "updated_at", "aims_dept_prog_act", "sum_obligated", "sum_expenses");
  private static final List<String> SUMMARY_2020 = List.of("table_col", "dashboard_deptfundprogact", "Expenses",
      "Baseline", "Planned", "Sum_expenses", "Sum_baseline", "Sum_planned");
  /** bond-calculations' default dataset ids and the columns of their rows. */
  static final Map<String, List<String>> BOND_DATASETS = Map.of(
      "vs3t-h2aj", EXPENSES_2020,
      "jdna-s8qn", EXPENSES_2020,
      "rrww-ybw6", List.of("fund_code", "fund_long_name", "division_code", "division_long_name", "department",
          "department_long_name", "date", "group_code", "group_long_name", "obligated", "expenses", "updated_at",
          "aims_dept_prog_act", "sum_obligated", "sum_expenses"),
      "hq9n-d77y", SUMMARY_2020,
      "5ewg-ssu3", SUMMARY_2020,
      "9ufs-k2md", List.of("dashboard_deptfundprogact", "department_name", "bond_year", "program_name",
          "sub_program_name", "program_sort", "sub_program_sort", "updated_at", "appropriated"),
      "mri6-eexh", List.of("aims_dept_prog_act", "dashboard_deptfundprogact", "updated_at"));

  private EmulatedSocrata() {}

  public static SocrataEmulator start() throws IOException {
    SocrataEmulator socrata = SocrataEmulator.start().addAppToken(APP_TOKEN).addUser(KEY_ID, KEY_SECRET);
    socrata.createDataset(TASK_ORDERS, List.of("DEPT", "TASK_ORDER", "NAME", "Status", "TK_TYPE", "CURRENT_ESTIMATE",
        "CHARGEDAMOUNT", "BALANCE", "BUYER_FDUS", "DISPLAY_NAME"), "TASK_ORDER");
    socrata.createDataset(DEPT_UNITS, List.of("DEPT_UNIT_ID", "DEPT_ID", "DEPT", "UNIT", "UNIT_LONG_NAME",
        "UNIT_SHORT_NAME", "DEPT_UNIT_STATUS"), "DEPT_UNIT_ID");
    socrata.createDataset(FDUS, List.of("DEPT_CODE_NAME", "SUB_PROJECT_ID", "SUBPROJECT_ID_UK", "SP_NUMBER_TXT",
        "FDU_ID", "FDU", "FUND", "FUNDNAME", "DEPT", "DEPT_ID", "DEPT_UNIT_ID", "DEPT_UNIT_STATUS", "UNIT",
        "UNIT_LONG_NAME", "UNIT_SHORT_NAME"), "FDU_ID");
    socrata.createDataset(SUBPROJECTS, List.of("PROJECT_NUMBER", "SP_NUMBER_TXT", "SP_NAME", "SP_DESCRIPTION",
        "SP_DETAILED_SCOPE", "SUB_PROJECT_MANAGING_DEPT", "SP_STATUS"), "SP_NUMBER_TXT");
    BOND_DATASETS.forEach((id, columns) -> socrata.createDataset(id, columns, null));
    return socrata;
  }

  /** The options that point {@code s3-to-socrata} or {@code bond-calculations} at the emulator. */
  public static List<String> portalOptions(SocrataEmulator socrata) {
    return List.of(
        "--socrataHost=" + socrata.baseUrl(),
        "--socrataAppToken=" + APP_TOKEN,
        "--socrataUser=" + KEY_ID,
        "--socrataPassword=" + KEY_SECRET);
  }

  /** {@code s3-to-socrata}'s four dataset ids. */
  public static List<String> financeDatasetOptions() {
    return List.of(
        "--taskOrdersDataset=" + TASK_ORDERS,
        "--deptUnitsDataset=" + DEPT_UNITS,
        "--fdusDataset=" + FDUS,
        "--subprojectsDataset=" + SUBPROJECTS);
  }
}
