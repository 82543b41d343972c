package gov.austintexas.atd.transforms.microstrategy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Decodes a report instance answer ({@code definition.grid} + {@code data}) into named columns and
 * text rows. Element indexes in {@code data.headers.rows} point into the element lists of the same
 * answer, so every page is decoded with its own definition.
 *
 * <p>The answer must add up, or it is an {@link InconsistentGridException} naming the report, the
 * page and the row: {@code data.paging.total} and {@code offset} present, one metric row per header
 * row, each header row one index per attribute and each metric row one value per metric, every
 * index inside its attribute's element list. A missing cell is never made up.
 */
final class GridDecoder {
  private GridDecoder() {}

  /** {@code where} names the page for errors, e.g. {@code report R, page 3 (rows from 2000)}. */
  static InstancePage decode(JsonNode answer, String instanceId, String where) {
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
    long total = count(paging, "total", where);
    long offset = count(paging, "offset", where);
    List<JsonNode> headers = list(data.path("headers").path("rows"));
    List<JsonNode> values = list(data.path("metricValues").path("raw"));
    if (values.size() != headers.size() && !(metrics.isEmpty() && values.isEmpty())) {
      throw new InconsistentGridException(
          where
              + ": "
              + headers.size()
              + " header rows but "
              + values.size()
              + " metric rows (from row "
              + (offset + Math.min(headers.size(), values.size()))
              + ")");
    }
    List<List<String>> rows = new ArrayList<>(headers.size());
    for (int r = 0; r < headers.size(); r++) {
      String place = where + ", row " + (offset + r);
      List<String> row = new ArrayList<>(columns.size());
      JsonNode indexes = headers.get(r);
      if (!indexes.isArray() || indexes.size() != attributes.size()) {
        throw new InconsistentGridException(
            place
                + ": "
                + width(indexes)
                + " element indexes for "
                + attributes.size()
                + " attributes");
      }
      for (int a = 0; a < attributes.size(); a++) {
        addForms(row, attributes.get(a), indexes.get(a), place);
      }
      JsonNode rowValues = r < values.size() ? values.get(r) : null;
      if (!metrics.isEmpty() && (!rowValues.isArray() || rowValues.size() != metrics.size())) {
        throw new InconsistentGridException(
            place + ": " + width(rowValues) + " metric values for " + metrics.size() + " metrics");
      }
      for (int m = 0; m < metrics.size(); m++) {
        row.add(number(rowValues.get(m)));
      }
      rows.add(Collections.unmodifiableList(row));
    }
    String id = instanceId != null ? instanceId : answer.path("instanceId").asText(null);
    if (id == null) {
      throw new MicroStrategyException("the report answer has no instanceId", 200, null);
    }
    return new InstancePage(id, total, new ReportPage(offset, List.copyOf(columns), rows));
  }

  /**
   * A paging count the reader relies on: without {@code total} it cannot know where the report
   * ends.
   */
  private static long count(JsonNode paging, String name, String where) {
    JsonNode value = paging.path(name);
    if (!value.canConvertToLong() || !value.isIntegralNumber() || value.asLong() < 0) {
      throw new InconsistentGridException(
          where
              + ": the answer has no data.paging."
              + name
              + (value.isMissingNode() ? "" : " (it says " + value + ")"));
    }
    return value.asLong();
  }

  private static String width(JsonNode row) {
    return row == null || !row.isArray() ? "no array of" : String.valueOf(row.size());
  }

  /** The metrics of a grid whose columns hold only metrics; other layouts are cross-tabs. */
  private static List<JsonNode> metrics(JsonNode gridColumns) {
    List<JsonNode> metrics = new ArrayList<>();
    for (JsonNode column : list(gridColumns)) {
      if (!"templateMetrics".equals(column.path("type").asText())) {
        throw new MicroStrategyException(
            "the report has the attribute '"
                + column.path("name").asText()
                + "' in its columns; only reports with "
                + "attributes in rows and metrics in columns can be written as CSV",
            200,
            null);
      }
      metrics.addAll(list(column.path("elements")));
    }
    return metrics;
  }

  private static void addForms(List<String> row, JsonNode attribute, JsonNode index, String place) {
    int forms = Math.max(1, list(attribute.path("forms")).size());
    JsonNode element =
        index.isInt() && index.asInt() >= 0 ? attribute.path("elements").path(index.asInt()) : null;
    if (element == null || element.isMissingNode()) {
      throw new InconsistentGridException(
          place
              + ": element index "
              + index
              + " of attribute '"
              + attribute.path("name").asText()
              + "' is outside its "
              + attribute.path("elements").size()
              + " elements");
    }
    JsonNode formValues = element.path("formValues");
    for (int f = 0; f < forms; f++) {
      JsonNode value = formValues.path(f);
      row.add(value.isMissingNode() || value.isNull() ? null : value.asText());
    }
  }

  /**
   * Numbers written plainly, as the server sent their digits: {@code 1234.5}, never {@code
   * 1.2345E3}.
   */
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
