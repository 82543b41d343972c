package gov.austintexas.atd.pipelines.s3tosocrata;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import gov.austintexas.atd.transforms.json.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** The finance datasets' row transformations for Socrata, as pure functions of one row. */
final class FinanceRows {
  /** task_orders.json's columns kept, in order, with their Socrata names. */
  static final Map<String, String> TASK_ORDER_COLUMNS = new LinkedHashMap<>();

  static {
    TASK_ORDER_COLUMNS.put("TASK_ORDER_DEPT", "DEPT");
    TASK_ORDER_COLUMNS.put("TASK_ORDER_ID", "TASK_ORDER");
    TASK_ORDER_COLUMNS.put("TASK_ORDER_DESC", "NAME");
    TASK_ORDER_COLUMNS.put("TASK_ORDER_STATUS", "Status");
    TASK_ORDER_COLUMNS.put("TASK_ORDER_TYPE", "TK_TYPE");
    TASK_ORDER_COLUMNS.put("TK_CURR_AMOUNT", "CURRENT_ESTIMATE");
    TASK_ORDER_COLUMNS.put("CHARGED_AMOUNT", "CHARGEDAMOUNT");
    TASK_ORDER_COLUMNS.put("TASK_ORDER_BAL", "BALANCE");
    TASK_ORDER_COLUMNS.put("BYR_FDU", "BUYER_FDUS");
  }

  static final Set<String> SUBPROJECT_DROPPED =
      Set.of("SUB_PROJECT_LAST_UPDATE_BY", "SUB_PROJECT_MANAGER");

  private FinanceRows() {}

  /**
   * Keeps and renames the task order's columns (the others, such as TASK_ORDER_ESTIMATOR, are not
   * published) and adds DISPLAY_NAME = TASK_ORDER + " | " + NAME, or TASK_ORDER alone when there is
   * no NAME (a deliberate change: the old scripts wrote "ATD0003 | None"). Values are copied as
   * they are, so amounts stay exact decimals.
   */
  static ObjectNode taskOrder(ObjectNode source) {
    ObjectNode row = Json.MAPPER.createObjectNode();
    TASK_ORDER_COLUMNS.forEach(
        (from, to) -> row.set(to, source.has(from) ? source.get(from) : Json.MAPPER.nullNode()));
    String taskOrder = Json.canonicalText(row.get("TASK_ORDER"));
    JsonNode name = row.get("NAME");
    row.put("DISPLAY_NAME", name.isNull() ? taskOrder : taskOrder + " | " + name.asText());
    return row;
  }

  /** The row without SUB_PROJECT_LAST_UPDATE_BY and SUB_PROJECT_MANAGER, whatever their case. */
  static ObjectNode subproject(ObjectNode source) {
    ObjectNode row = source.deepCopy();
    List<String> dropped = new ArrayList<>();
    row.fieldNames()
        .forEachRemaining(
            field -> {
              if (SUBPROJECT_DROPPED.contains(field.toUpperCase(Locale.ROOT))) {
                dropped.add(field);
              }
            });
    row.remove(dropped);
    return row;
  }
}
