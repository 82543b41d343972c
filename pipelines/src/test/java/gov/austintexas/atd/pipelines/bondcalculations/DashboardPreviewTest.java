package gov.austintexas.atd.pipelines.bondcalculations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import gov.austintexas.atd.pipelines.bondcalculations.BondDatasets.Dataset;
import gov.austintexas.atd.testing.PostgresSchema;
import gov.austintexas.atd.transforms.json.Json;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.select.Elements;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code preview.html} of {@code bond-calculations}, rendered by headless Chromium: the charts the
 * page's script draws hold exactly the running totals of the hand-worked summary rows of {@code
 * BondCalculationsTest}, in chronological label order, and text from the data stays text.
 */
class DashboardPreviewTest {
  /** Where the screenshot of the preview of the hand-worked data set is left, for a look. */
  static final Path SCREENSHOT = Path.of("target", "preview", "bond-calculations-preview.png");

  private static final String G1 = "6000-8012-6207-5216";
  private static final String G2 = "6000-8012-6207-5217";

  @RegisterExtension static final PostgresSchema postgres = new PostgresSchema();

  @TempDir Path outputDir;

  @Test
  void theChartsDrawnAreTheRunningTotalsOfTheWrittenSummaryRows() throws Exception {
    BondCalculationsFixture.seed(postgres);
    new BondCalculations(Map.of())
        .run(
            PipelineOptionsFactory.fromArgs(
                    "--jdbcUrl=" + postgres.jdbcUrl(),
                    "--dbUser=" + PostgresSchema.user(),
                    "--outputDir=" + outputDir,
                    "--dryRun")
                .as(BondCalculationsOptions.class));
    Path page = outputDir.resolve("preview.html");

    Document written = Jsoup.parse(Files.readString(page));
    assertEquals(
        List.of(),
        html(written.select("[src], [href], link, img, iframe, object, embed")),
        "nothing to load");
    assertTrue(
        written
            .select("meta[http-equiv=Content-Security-Policy]")
            .attr("content")
            .startsWith("default-src 'none';"));

    Document drawn = Jsoup.parse(HeadlessChromium.dumpDom(page));
    TreeSet<String> points = new TreeSet<>();
    for (Element point : drawn.select("svg circle")) {
      points.add(
          String.join(
              " | ",
              point.attr("data-table"),
              point.attr("data-dashboard-id"),
              point.attr("data-label"),
              point.attr("data-series"),
              point.attr("data-value")));
    }
    assertEquals(expectedPoints(), points);

    assertEquals(
        List.of("0FY 22", "0FY 23", "2023 10", "2023 11", "2024 09", "0FY 25"),
        labels(drawn, "current", G1));
    assertEquals(List.of("2023 10"), labels(drawn, "current", G2));
    assertEquals(
        List.of("0FY 22", "2022 12", "2023 03", "2023 09", "0FY 25"),
        labels(drawn, "previous", G1));
    assertEquals(
        List.of(),
        labels(drawn, "previous", G2),
        "all its previous-year rows were 0FY 24, left out");
    for (Element chart : drawn.select("svg[data-table]")) {
      assertDrawnInOrder(chart);
    }
    assertEquals(
        List.of(
            "FY 2024, current fiscal year (hq9n-d77y)",
            "FY 2023, previous fiscal year (5ewg-ssu3)"),
        drawn.select("section[data-dashboard-id='" + G1 + "'] figcaption").eachText());
    assertEquals(
        List.of(
            "1 group keys of expenses_obligated_2020_bond_raw have no entry in"
                + " bond_2020_aims_to_dashboard, so their expenses are not in the summary tables:"
                + " 7400801363075300",
            "3 planned (table, table_col, dashboard id) keys have no Baseline or Expenses, so they"
                + " are not rows: FY2023 2023 05 6000-8012-6207-5216, FY2024 2023 11"
                + " 6000-8012-6207-9999, FY2024 2024 01 6000-8012-6207-5216"),
        drawn.select("ul.notes li").eachText());

    HeadlessChromium.screenshot(page, SCREENSHOT, 1300, 1400);
  }

  /** Every non-empty running total of the hand-worked summary rows, as the points must carry it. */
  private static TreeSet<String> expectedPoints() throws Exception {
    TreeSet<String> points = new TreeSet<>();
    for (Dataset dataset : List.of(Dataset.SUMMARY_2020_CURRENT, Dataset.SUMMARY_2020_PREVIOUS)) {
      String table = dataset == Dataset.SUMMARY_2020_CURRENT ? "current" : "previous";
      for (String line : BondCalculationsFixture.expected(dataset)) {
        JsonNode row = Json.MAPPER.readTree(line);
        for (String series : PreviewPage.SERIES) {
          if (!row.path(series).isNull()) {
            points.add(
                String.join(
                    " | ",
                    table,
                    row.path("dashboard_deptfundprogact").asText(),
                    row.path("table_col").asText(),
                    series,
                    row.path(series).decimalValue().toPlainString()));
          }
        }
      }
    }
    return points;
  }

  /** The x-axis labels of one chart, left to right. */
  private static List<String> labels(Document drawn, String table, String dashboardId) {
    return drawn
        .select(
            "svg[data-table='" + table + "'][data-dashboard-id='" + dashboardId + "'] text.label")
        .eachAttr("data-label");
  }

  /** Points lie left to right in label order, and higher for larger totals. */
  private static void assertDrawnInOrder(Element chart) {
    List<String> labels = chart.select("text.label").eachAttr("data-label");
    List<Element> points = chart.select("circle");
    for (Element a : points) {
      for (Element b : points) {
        int byLabel =
            Integer.compare(
                labels.indexOf(a.attr("data-label")), labels.indexOf(b.attr("data-label")));
        if (byLabel != 0) {
          assertEquals(byLabel, Double.compare(number(a, "cx"), number(b, "cx")), a + " / " + b);
        }
        int byValue =
            new BigDecimal(a.attr("data-value")).compareTo(new BigDecimal(b.attr("data-value")));
        assertEquals(-byValue, Double.compare(number(a, "cy"), number(b, "cy")), a + " / " + b);
      }
    }
  }

  private static List<String> html(Elements elements) {
    return elements.stream().map(Element::outerHtml).toList();
  }

  private static double number(Element element, String attribute) {
    return Double.parseDouble(element.attr(attribute));
  }

  @Test
  void textFromTheDataStaysText() throws Exception {
    String hostile = "<img src=x onerror=\"document.title='x'\"></script><b>\"&'";
    String row =
        Json.MAPPER
            .createObjectNode()
            .put("table_col", "2023 10")
            .put("dashboard_deptfundprogact", hostile)
            .put("Sum_expenses", new BigDecimal("12.50"))
            .putNull("Sum_baseline")
            .put("Sum_planned", 3)
            .toString();
    Path page = outputDir.resolve("preview.html");
    Files.writeString(
        page,
        PreviewPage.html(
            List.of(new PreviewPage.Table("current", "hq9n-d77y", List.of(row))),
            List.of("1 keys dropped: " + hostile)));

    Document drawn = Jsoup.parse(HeadlessChromium.dumpDom(page));

    assertEquals(List.of(), html(drawn.select("img, b")));
    assertEquals("2020 bond dashboard preview", drawn.title());
    assertEquals(List.of(hostile), drawn.select("section.dashboard h2").eachText());
    assertEquals(List.of("1 keys dropped: " + hostile), drawn.select("ul.notes li").eachText());
    assertEquals(List.of(hostile, hostile), drawn.select("circle").eachAttr("data-dashboard-id"));
    assertEquals(List.of("12.50", "3"), drawn.select("circle").eachAttr("data-value"));
  }
}
