package gov.austintexas.atd.standins.demo;

import gov.austintexas.atd.standins.socrata.SocrataEmulator;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * A {@link SocrataEmulator} with the fake credentials, the four finance datasets that {@code
 * s3-to-socrata} upserts (each with the columns and row identifier of the real one) and the seven
 * bond datasets that {@code bond-calculations} replaces, under their default ids.
 */
public final class EmulatedSocrata {
  public static final String APP_TOKEN = "emulated-app-token";
  public static final String KEY_ID = "emulated-key-id";
  public static final String KEY_SECRET = "emulated-key-secret";
  public static final String TASK_ORDERS = "task-0001";
  public static final String DEPT_UNITS = "unit-0001";
  public static final String FDUS = "fdus-0001";
  public static final String SUBPROJECTS = "subp-0001";

  private static final List<String> EXPENSES_2020 =
      List.of(
          "fund",
          "department",
          "date",
          "group",
          "fiscal_year",
          "division",
          "obligated",
          "expenses",
          "updated_at",
          "aims_dept_prog_act",
          "sum_obligated",
          "sum_expenses");
  private static final List<String> SUMMARY_2020 =
      List.of(
          "table_col",
          "dashboard_deptfundprogact",
          "expenses",
          "baseline",
          "planned",
          "sum_expenses",
          "sum_baseline",
          "sum_planned");

  /** bond-calculations' default dataset ids and the columns of their rows. */
  static final Map<String, List<String>> BOND_DATASETS =
      Map.of(
          "vs3t-h2aj", EXPENSES_2020,
          "jdna-s8qn", EXPENSES_2020,
          "rrww-ybw6",
              List.of(
                  "fund_code",
                  "fund_long_name",
                  "division_code",
                  "division_long_name",
                  "department",
                  "department_long_name",
                  "date",
                  "group_code",
                  "group_long_name",
                  "obligated",
                  "expenses",
                  "updated_at",
                  "aims_dept_prog_act",
                  "sum_obligated",
                  "sum_expenses"),
          "hq9n-d77y", SUMMARY_2020,
          "5ewg-ssu3", SUMMARY_2020,
          "9ufs-k2md",
              List.of(
                  "dashboard_deptfundprogact",
                  "department_name",
                  "bond_year",
                  "program_name",
                  "sub_program_name",
                  "program_sort",
                  "sub_program_sort",
                  "updated_at",
                  "appropriated"),
          "mri6-eexh", List.of("aims_dept_prog_act", "dashboard_deptfundprogact", "updated_at"));

  private EmulatedSocrata() {}

  public static SocrataEmulator start() throws IOException {
    SocrataEmulator socrata =
        SocrataEmulator.start().addAppToken(APP_TOKEN).addUser(KEY_ID, KEY_SECRET);
    addFinanceDatasets(socrata);
    BOND_DATASETS.forEach((id, columns) -> socrata.createDataset(id, columns, null));
    return socrata;
  }

  /**
   * The four finance datasets under their default ids, declared as the portal declares them: API
   * field names in lower case, each with its row identifier ({@code s3-to-socrata} sends Oracle's
   * upper-case keys, which the portal matches case-insensitively).
   */
  public static void addFinanceDatasets(SocrataEmulator socrata) {
    socrata.createDataset(
        TASK_ORDERS,
        List.of(
            "dept",
            "task_order",
            "name",
            "status",
            "tk_type",
            "current_estimate",
            "chargedamount",
            "balance",
            "buyer_fdus",
            "display_name"),
        "task_order");
    socrata.createDataset(
        DEPT_UNITS,
        List.of(
            "dept_unit_id",
            "dept_id",
            "dept",
            "unit",
            "unit_long_name",
            "unit_short_name",
            "dept_unit_status"),
        "dept_unit_id");
    socrata.createDataset(
        FDUS,
        List.of(
            "dept_code_name",
            "sub_project_id",
            "subproject_id_uk",
            "sp_number_txt",
            "fdu_id",
            "fdu",
            "fund",
            "fundname",
            "dept",
            "dept_id",
            "dept_unit_id",
            "dept_unit_status",
            "unit",
            "unit_long_name",
            "unit_short_name"),
        "fdu_id");
    socrata.createDataset(
        SUBPROJECTS,
        List.of(
            "project_number",
            "sp_number_txt",
            "sp_name",
            "sp_description",
            "sp_detailed_scope",
            "sub_project_managing_dept",
            "sp_status"),
        "sp_number_txt");
  }

  /** The settings that point {@code s3-to-socrata} or {@code bond-calculations} at the emulator. */
  public static List<EmulatedSetting> portalSettings(SocrataEmulator socrata) {
    return List.of(
        new EmulatedSetting("socrataHost", "SO_WEB", socrata.baseUrl().toString()),
        new EmulatedSetting("socrataAppToken", "SO_TOKEN", APP_TOKEN),
        new EmulatedSetting("socrataUser", "SO_KEY", KEY_ID),
        new EmulatedSetting("socrataPassword", "SO_SECRET", KEY_SECRET));
  }

  /** The options of {@link #portalSettings}. */
  public static List<String> portalOptions(SocrataEmulator socrata) {
    return EmulatedSetting.asOptions(portalSettings(socrata));
  }

  /** {@code s3-to-socrata}'s four dataset ids. */
  public static List<EmulatedSetting> financeDatasetSettings() {
    return List.of(
        new EmulatedSetting("taskOrdersDataset", "TASK_DATASET", TASK_ORDERS),
        new EmulatedSetting("deptUnitsDataset", "DEPT_UNITS_DATASET", DEPT_UNITS),
        new EmulatedSetting("fdusDataset", "FDU_DATASET", FDUS),
        new EmulatedSetting("subprojectsDataset", "SUBPROJECTS_DATASET", SUBPROJECTS));
  }

  /** The options of {@link #financeDatasetSettings}. */
  public static List<String> financeDatasetOptions() {
    return EmulatedSetting.asOptions(financeDatasetSettings());
  }
}
