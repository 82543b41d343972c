package gov.austintexas.atd.standins.demo;

import gov.austintexas.atd.pipelines.microstrategytos3.Reports;
import gov.austintexas.atd.standins.microstrategy.BondReportFixtures;
import gov.austintexas.atd.standins.microstrategy.MicroStrategyEmulator;
import java.io.IOException;
import java.util.List;

/**
 * A {@link MicroStrategyEmulator} serving the two configured bond reports with generated rows in
 * their real column shapes: {@value #REPORT_ROWS} rows a week apart from October 2019, so three
 * fiscal years (2020 to 2022) of bond expenses.
 */
public final class EmulatedMicroStrategy {
  public static final String USERNAME = "emulated-user";
  public static final String PASSWORD = "emulated-password";
  public static final String PROJECT_ID = "0000000000000000000000000000DE70";
  public static final String BOND_2020_REPORT = "2020 Bond Expenses Obligated";
  public static final String ALL_BONDS_REPORT = "All bonds Expenses Obligated";
  static final int REPORT_ROWS = 150;

  private EmulatedMicroStrategy() {}

  public static MicroStrategyEmulator start() throws IOException {
    Reports reports = Reports.load();
    return MicroStrategyEmulator.start(USERNAME, PASSWORD, PROJECT_ID)
        .withReport(
            reports.idOf(BOND_2020_REPORT),
            BondReportFixtures.bond2020ExpensesObligated(REPORT_ROWS))
        .withReport(
            reports.idOf(ALL_BONDS_REPORT),
            BondReportFixtures.allBondsExpensesObligated(REPORT_ROWS));
  }

  /** The settings that point {@code microstrategy-to-s3} at the emulator. */
  public static List<EmulatedSetting> settings(MicroStrategyEmulator microStrategy) {
    return List.of(
        new EmulatedSetting("mstrBaseUrl", "BASE_URL", microStrategy.baseUrl()),
        new EmulatedSetting("mstrUser", "MSTRO_USERNAME", USERNAME),
        new EmulatedSetting("mstrPassword", "MSTRO_PASSWORD", PASSWORD),
        new EmulatedSetting("mstrProjectId", "PROJECT_ID", PROJECT_ID));
  }

  /** The options that point {@code microstrategy-to-s3} at the emulator. */
  public static List<String> options(MicroStrategyEmulator microStrategy) {
    return EmulatedSetting.asOptions(settings(microStrategy));
  }
}
