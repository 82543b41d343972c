package gov.austintexas.atd.pipelines.demo;

import gov.austintexas.atd.emulators.socrata.SocrataEmulator;
import java.io.IOException;
import java.util.List;

/**
 * A {@link SocrataEmulator} with the fake credentials and the four finance datasets that
 * {@code s3-to-socrata} upserts, each with the columns and row identifier of the real one.
 */
public final class EmulatedSocrata {
  public static final String APP_TOKEN = "emulated-app-token";
  public static final String KEY_ID = "emulated-key-id";
  public static final String KEY_SECRET = "emulated-key-secret";
  public static final String TASK_ORDERS = "task-0001";
  public static final String DEPT_UNITS = "unit-0001";
  public static final String FDUS = "fdus-0001";
  public static final String SUBPROJECTS = "subp-0001";

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
    return socrata;
  }

  /** The options that point {@code s3-to-socrata} at the emulator, all four datasets. */
  public static List<String> options(SocrataEmulator socrata) {
    return List.of(
        "--socrataHost=" + socrata.baseUrl(),
        "--socrataAppToken=" + APP_TOKEN,
        "--socrataUser=" + KEY_ID,
        "--socrataPassword=" + KEY_SECRET,
        "--taskOrdersDataset=" + TASK_ORDERS,
        "--deptUnitsDataset=" + DEPT_UNITS,
        "--fdusDataset=" + FDUS,
        "--subprojectsDataset=" + SUBPROJECTS);
  }
}
