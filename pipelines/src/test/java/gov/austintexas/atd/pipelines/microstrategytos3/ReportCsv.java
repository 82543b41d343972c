package gov.austintexas.atd.pipelines.microstrategytos3;

import gov.austintexas.atd.standins.microstrategy.ReportFixture;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * The CSV a report fixture must become, written out here by hand (not with the code under test): a
 * header, then each row's form values and metrics, quoted only when they hold a comma, a quote or a
 * line break, missing values empty, numbers plain as the server sent them.
 */
public final class ReportCsv {
  static final String ALL_BONDS_HEADER =
      "Fund@Code,Fund@Long Name,Division (As-Is)@Code,Division (As-Is)@Long"
          + " Name,Department@Dept,Department@Long Name,Date,Group (As-Is)@Code,Group (As-Is)@Long"
          + " Name,Obligated,Expenses";
  public static final String BOND_2020_HEADER =
      "Fund,Department,Date,Group,Fiscal Year,Division,Obligated,Expenses";

  private ReportCsv() {}

  public static String expected(String header, ReportFixture fixture) {
    StringBuilder csv = new StringBuilder(header).append('\n');
    for (int i = 0; i < fixture.rowCount(); i++) {
      ReportFixture.Row row = fixture.row(i);
      List<String> cells = new ArrayList<>();
      row.attributeForms().forEach(forms -> forms.forEach(value -> cells.add(cell(value))));
      for (BigDecimal metric : row.metrics()) {
        cells.add(metric == null ? "" : metric.stripTrailingZeros().toPlainString());
      }
      csv.append(String.join(",", cells)).append('\n');
    }
    return csv.toString();
  }

  private static String cell(String value) {
    if (value.contains(",")
        || value.contains("\"")
        || value.contains("\n")
        || value.contains("\r")) {
      return "\"" + value.replace("\"", "\"\"") + "\"";
    }
    return value;
  }
}
