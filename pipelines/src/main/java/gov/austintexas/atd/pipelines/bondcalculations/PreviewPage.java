package gov.austintexas.atd.pipelines.bondcalculations;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import gov.austintexas.atd.pipelines.Resources;
import gov.austintexas.atd.transforms.json.Json;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The dashboard preview, {@code preview.html}: per dashboard id, the running totals {@code
 * Sum_expenses}, {@code Sum_baseline} and {@code Sum_planned} of the 2020 bond summary tables over
 * their {@code table_col} labels in chronological order, one line chart for the current fiscal year
 * and one for the previous, as the Power BI dashboard draws them from those datasets; then the
 * notes about dropped keys.
 *
 * <p>The page is self-contained: the rows go in as JSON in the page, an inline script draws the
 * charts as SVG, and its Content-Security-Policy forbids loading anything. Text reaches the page
 * only as escaped HTML or through the DOM's {@code textContent}. Amounts stay the exact decimal
 * text of the rows (each point's {@code data-value}); only the drawing turns them into pixels.
 */
public final class PreviewPage {
  /** The running totals drawn, in the rows' column names. */
  public static final List<String> SERIES = List.of("Sum_expenses", "Sum_baseline", "Sum_planned");

  /** One summary table: which it is, its Socrata id and its rows as written. */
  public record Table(String key, String datasetId, List<String> rows) {}

  private PreviewPage() {}

  /** The page for the tables (current first), with the run's notes about dropped keys. */
  public static String html(List<Table> tables, List<String> notes) {
    String template = Resources.text("bond/preview-template.html");
    return template
        .replace("{{notes}}", notesHtml(notes))
        .replace("{{data}}", scriptSafe(data(tables)));
  }

  /**
   * {@code {"dashboards":[{"id":..,"tables":[{"table":"current","title":..,"labels":[..],
   * "series":{"Sum_expenses":["7",null,..],..}}]}]}}, dashboard ids sorted, labels in chronological
   * order, amounts as decimal text.
   */
  static String data(List<Table> tables) {
    Map<String, ObjectNode> dashboards = new TreeMap<>();
    for (Table table : tables) {
      Map<String, List<JsonNode>> rowsById = new TreeMap<>();
      for (String row : table.rows()) {
        JsonNode json = parse(row);
        rowsById
            .computeIfAbsent(
                json.path("dashboard_deptfundprogact").asText(), id -> new ArrayList<>())
            .add(json);
      }
      String title = title(table, rowsById);
      rowsById.forEach(
          (id, rows) -> {
            rows.sort(
                Comparator.comparing(
                    row -> TableCol.parse(row.path("table_col").asText()).position()));
            ObjectNode chart =
                Json.MAPPER.createObjectNode().put("table", table.key()).put("title", title);
            ArrayNode labels = chart.putArray("labels");
            ObjectNode series = chart.putObject("series");
            SERIES.forEach(series::putArray);
            for (JsonNode row : rows) {
              labels.add(row.path("table_col").asText());
              for (String name : SERIES) {
                JsonNode value = row.path(name);
                ((ArrayNode) series.get(name))
                    .add(
                        value.isNull() || value.isMissingNode()
                            ? null
                            : value.decimalValue().toPlainString());
              }
            }
            ObjectNode dashboard = dashboards.computeIfAbsent(id, PreviewPage::newDashboard);
            ((ArrayNode) dashboard.get("tables")).add(chart);
          });
    }
    ObjectNode data = Json.MAPPER.createObjectNode();
    ArrayNode list = data.putArray("dashboards");
    dashboards.values().forEach(list::add);
    try {
      return Json.MAPPER.writeValueAsString(data);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static ObjectNode newDashboard(String id) {
    ObjectNode dashboard = Json.MAPPER.createObjectNode().put("id", id);
    dashboard.putArray("tables");
    return dashboard;
  }

  /** "FY 2024, current (hq9n-d77y)": the fiscal year of the table's month labels. */
  private static String title(Table table, Map<String, List<JsonNode>> rowsById) {
    String year =
        rowsById.values().stream()
            .flatMap(List::stream)
            .map(row -> TableCol.parse(row.path("table_col").asText()))
            .filter(col -> !col.isWholeYear())
            .map(col -> "FY " + col.fiscalYear() + ", ")
            .findFirst()
            .orElse("");
    return year + table.key() + " fiscal year (" + table.datasetId() + ")";
  }

  private static String notesHtml(List<String> notes) {
    if (notes.isEmpty()) {
      return "<p class=\"no-notes\">No keys were dropped by the joins.</p>";
    }
    StringBuilder html = new StringBuilder("<ul class=\"notes\">\n");
    notes.stream()
        .sorted()
        .forEach(note -> html.append("<li>").append(escape(note)).append("</li>\n"));
    return html.append("</ul>").toString();
  }

  /** Text as HTML content or a quoted attribute value. */
  static String escape(String text) {
    StringBuilder escaped = new StringBuilder(text.length());
    for (char c : text.toCharArray()) {
      switch (c) {
        case '&' -> escaped.append("&amp;");
        case '<' -> escaped.append("&lt;");
        case '>' -> escaped.append("&gt;");
        case '"' -> escaped.append("&quot;");
        case '\'' -> escaped.append("&#39;");
        default -> escaped.append(c);
      }
    }
    return escaped.toString();
  }

  /**
   * JSON that can sit inside {@code <script>}: {@code <}, {@code >} and {@code &} only occur in
   * JSON strings, where their {@code \\u} escapes mean the same, so no text can close the element.
   */
  static String scriptSafe(String json) {
    return json.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026");
  }

  private static JsonNode parse(String row) {
    try {
      return Json.MAPPER.readTree(row);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a summary row is not JSON: " + row, e);
    }
  }
}
