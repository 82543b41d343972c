package gov.austintexas.atd.pipelines.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import gov.austintexas.atd.pipelines.s3toknack.KnackMapping;
import gov.austintexas.atd.pipelines.s3toknack.S3ToKnack;
import gov.austintexas.atd.transforms.json.Json;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The Knack plan benchmark's data, shaped like the City's task orders (issue 12): {@code n} source
 * rows with 1–6 rows per task order (about 55% distinct keys), some with a null or empty FDU, and
 * {@code n} Knack records, about half for keys not in the source; about 15% of the matched keys
 * changed in one field (amount, status, FDU set or description), and a few keys held twice.
 *
 * <p>A matched Knack record holds what publishing the source would have written, computed with the
 * production field map, so that only the edited records differ.
 */
final class KnackPlanData {
  static final String SOURCE_FILE = "task_orders.json";
  static final String SNAPSHOT_FILE = "knack.json";

  /** P(a task order has 1..6 rows): a mean of 1.77 rows, 56% distinct keys. */
  private static final double[] ROWS_PER_KEY = {0.60, 0.20, 0.10, 0.05, 0.03, 0.02};

  private KnackPlanData() {}

  /** The expected plan, for a benchmark to check its own run. */
  record Expected(int sourceRows, int keys, int knackRecords, int matched, int changed) {}

  /** Writes the files into a directory, to run the plan by hand: {@code KnackPlanData DIR N}. */
  public static void main(String[] args) throws IOException {
    System.out.println(write(Files.createDirectories(Path.of(args[0])), Integer.parseInt(args[1])));
  }

  static Expected write(Path dir, int n) throws IOException {
    KnackMapping mapping =
        new S3ToKnack(Map.of()).fieldMaps().mapping("task_orders", "data-tracker");
    Random random = new Random(12);
    int rows = 0;
    int keys = 0;
    int knackRecords = 0;
    int matched = 0;
    int changed = 0;
    try (BufferedWriter source =
            Files.newBufferedWriter(dir.resolve(SOURCE_FILE), StandardCharsets.UTF_8);
        BufferedWriter knack =
            Files.newBufferedWriter(dir.resolve(SNAPSHOT_FILE), StandardCharsets.UTF_8)) {
      source.write("[\n");
      knack.write("[\n");
      while (rows < n) {
        int key = keys++;
        List<ObjectNode> keyRows = new ArrayList<>();
        for (int r = rowsForKey(random); r > 0 && rows < n; r--, rows++) {
          ObjectNode row = sourceRow(key, rows, random);
          keyRows.add(row);
          source.write(rows == 0 ? "" : ",\n");
          source.write(row.toString());
        }
        // Every other key is in Knack; the other half of Knack's records are keys the source lacks.
        if (key % 2 == 0 && knackRecords < n) {
          ObjectNode published = mapping.map(coalesced(keyRows), "11/20/2026 06:00");
          if (random.nextDouble() < 0.15) {
            edit(published, random);
            changed++;
          }
          matched++;
          knackRecords += writeKnack(knack, knackRecords, published, key % 401 == 0 ? 2 : 1);
        }
      }
      for (int key = keys; knackRecords < n; key++) {
        ObjectNode gone = mapping.map(sourceRow(key, key, random), "11/20/2026 06:00");
        knackRecords += writeKnack(knack, knackRecords, gone, 1);
      }
      source.write("\n]\n");
      knack.write("\n]\n");
    }
    return new Expected(rows, keys, knackRecords, matched, changed);
  }

  private static int rowsForKey(Random random) {
    double p = random.nextDouble();
    for (int i = 0; i < ROWS_PER_KEY.length; i++) {
      p -= ROWS_PER_KEY[i];
      if (p < 0) {
        return i + 1;
      }
    }
    return ROWS_PER_KEY.length;
  }

  private static ObjectNode sourceRow(int key, int row, Random random) {
    ObjectNode record =
        Json.MAPPER
            .createObjectNode()
            .put("TASK_ORDER_DEPT", 2400)
            .put("TASK_ORDER_ID", String.format("TK%08d", key))
            .put("TASK_ORDER_DESC", "Signal work <zone " + (key % 97) + ">")
            .put("TASK_ORDER_STATUS", key % 5 == 0 ? "Closed" : "Active")
            .put("TASK_ORDER_TYPE", "Internal Services")
            .put("TK_CURR_AMOUNT", new java.math.BigDecimal((key % 100000) + ".25"))
            .put("CHARGED_AMOUNT", new java.math.BigDecimal((key % 7000) + ".5"))
            .put("TASK_ORDER_BAL", new java.math.BigDecimal("-" + (key % 300) + ".75"))
            .put("TASK_ORDER_ESTIMATOR", "Estimator " + (key % 50));
    double fdu = random.nextDouble();
    if (fdu < 0.05) {
      record.putNull("BYR_FDU");
    } else if (fdu < 0.10) {
      record.put("BYR_FDU", "");
    } else {
      record.put("BYR_FDU", "8012 6000 " + (6600 + (row * 7 + key) % 40));
    }
    return record;
  }

  /**
   * What coalescing makes of a key's rows: the first row, with the non-empty FDUs joined in file
   * order.
   */
  private static ObjectNode coalesced(List<ObjectNode> rows) {
    ObjectNode first = rows.get(0).deepCopy();
    List<String> fdus = new ArrayList<>();
    for (ObjectNode row : rows) {
      JsonNode fdu = row.get("BYR_FDU");
      if (!Json.isEmpty(fdu)) {
        fdus.add(fdu.asText());
      }
    }
    if (fdus.isEmpty()) {
      first.putNull("BYR_FDU");
    } else {
      first.put("BYR_FDU", String.join(",\n", fdus));
    }
    return first;
  }

  /** One field edited in Knack since the last publish. */
  private static void edit(ObjectNode published, Random random) {
    switch (random.nextInt(4)) {
      case 0 -> published.put("field_3684", "1.00");
      case 1 -> published.put("field_3810", "On Hold");
      case 2 -> published.put("field_3807", "8012 6000 6999");
      default -> published.put("field_2632", "Edited in Knack");
    }
  }

  /**
   * Writes {@code copies} Knack records of one mapped record as the API returns them ({@code
   * field_N_raw}).
   */
  private static int writeKnack(BufferedWriter out, int written, ObjectNode mapped, int copies)
      throws IOException {
    for (int copy = 0; copy < copies; copy++) {
      ObjectNode record =
          Json.MAPPER.createObjectNode().put("id", String.format("%024x", written + copy));
      mapped
          .fields()
          .forEachRemaining(
              field -> {
                record.set(field.getKey(), field.getValue());
                record.set(field.getKey() + "_raw", field.getValue());
              });
      out.write(written + copy == 0 ? "" : ",\n");
      out.write(record.toString());
    }
    return copies;
  }
}
