package gov.austintexas.atd.transforms.microstrategy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Decodes a report instance answer ({@code definition.grid} + {@code data}) into named columns and
 * text rows. Element indexes in {@code data.headers.rows} point into the element lists of the
 * same answer, so every page is decoded with its own definition.
 */
final class GridDecoder {
  private GridDecoder() {}

  static InstancePage decode(JsonNode answer, String instanceId) {
    JsonNode grid = answer.path("definition").path("grid");
    List<JsonNode> attributes = list(grid.path("rows"));
    List<String> columns = new ArrayList<>();
    for (JsonNode attribute : attributes) {
      String name = attribute.path("name").asText();
      List<JsonNode> forms = list(attribute.path("forms"));
      if (forms.size() <= 1) {
        columns.add(name);
      } else {
        for (JsonNode form : forms) {
          columns.add(name + "@" + form.path("name").asText());
        }
      }
    }
    List<JsonNode> metrics = metrics(grid.path("columns"));
    for (JsonNode metric : metrics) {
      columns.add(metric.path("name").asText());
    }

    JsonNode data = answer.path("data");
    JsonNode paging = data.path("paging");
    List<JsonNode> headers = list(data.path("headers").path("rows"));
    List<JsonNode> values = list(data.path("metricValues").path("raw"));
    List<List<String>> rows = new ArrayList<>(headers.size());
    for (int r = 0; r < headers.size(); r++) {
      List<String> row = new ArrayList<>(columns.size());
      JsonNode indexes = headers.get(r);
      for (int a = 0; a < attributes.size(); a++) {
        addForms(row, attributes.get(a), indexes.path(a));
      }
      JsonNode rowValues = r < values.size() ? values.get(r) : null;
      for (int m = 0; m < metrics.size(); m++) {
        row.add(rowValues == null ? null : number(rowValues.path(m)));
      }
      rows.add(Collections.unmodifiableList(row));
    }
    String id = instanceId != null ? instanceId : answer.path("instanceId").asText(null);
    if (id == null) {
      throw new MicroStrategyException("the report answer has no instanceId", 200, null);
    }
    return new InstancePage(id, paging.path("total").asLong(rows.size()), new ReportPage(paging.path("offset").asLong(0), List.copyOf(columns), rows));
  }

  /** The metrics of a grid whose columns hold only metrics; other layouts are cross-tabs. */
  private static List<JsonNode> metrics(JsonNode gridColumns) {
    List<JsonNode> metrics = new ArrayList<>();
    for (JsonNode column : list(gridColumns)) {
      if (!"templateMetrics".equals(column.path("type").asText())) {
        throw new MicroStrategyException(
            "the report has the attribute '" + column.path("name").asText() + "' in its columns; only reports with "
                + "attributes in rows and metrics in columns can be written as CSV", 200, null);
      }
      metrics.addAll(list(column.path("elements")));
    }
    return metrics;
  }

  private static void addForms(List<String> row, JsonNode attribute, JsonNode index) {
    int forms = Math.max(1, list(attribute.path("forms")).size());
    JsonNode element = index.isInt() ? attribute.path("elements").path(index.asInt()) : null;
    if (element == null || element.isMissingNode()) {
      throw new MicroStrategyException(
          "the report answer points at element " + index + " of attribute '" + attribute.path("name").asText()
              + "', which it does not list", 200, null);
    }
    JsonNode formValues = element.path("formValues");
    for (int f = 0; f < forms; f++) {
      JsonNode value = formValues.path(f);
      row.add(value.isMissingNode() || value.isNull() ? null : value.asText());
    }
  }

  /** Numbers written plainly, as the server sent their digits: {@code 1234.5}, never {@code 1.2345E3}. */
  private static String number(JsonNode value) {
    if (value.isMissingNode() || value.isNull()) {
      return null;
    }
    if (value.isNumber()) {
      return value.decimalValue().toPlainString();
    }
    return value.asText();
  }

  private static List<JsonNode> list(JsonNode array) {
    List<JsonNode> nodes = new ArrayList<>();
    array.forEach(nodes::add);
    return nodes;
  }
}
