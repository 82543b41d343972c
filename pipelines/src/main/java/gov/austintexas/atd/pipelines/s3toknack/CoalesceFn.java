package gov.austintexas.atd.pipelines.s3toknack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import gov.austintexas.atd.transforms.json.Json;
import gov.austintexas.atd.transforms.json.ObjectNodeCoder;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CoderRegistry;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.values.KV;

/**
 * Source records that share a primary key become one: each coalesce column holds the non-empty
 * values of all of them joined with {@code ",\n"}, and every other column is the first record's.
 * "First" and the join order follow the records' positions in the file, so the result does not
 * depend on how a runner splits the work. Record types with no coalesce columns keep the first
 * record of a key, so a key is never created twice.
 *
 * <p>The accumulator is JSON: {@code {"position": n, "record": {...}, "values": {"COL": [[position,
 * "text"], ...]}}}.
 */
public class CoalesceFn extends Combine.CombineFn<KV<Long, ObjectNode>, ObjectNode, ObjectNode> {
  private static final long serialVersionUID = 1L;
  private final List<String> columns;

  public CoalesceFn(List<String> columns) {
    this.columns = List.copyOf(columns);
  }

  @Override
  public ObjectNode createAccumulator() {
    ObjectNode accumulator = Json.MAPPER.createObjectNode();
    ObjectNode values = accumulator.putObject("values");
    columns.forEach(values::putArray);
    return accumulator;
  }

  @Override
  public ObjectNode addInput(ObjectNode accumulator, KV<Long, ObjectNode> positioned) {
    long position = positioned.getKey();
    ObjectNode record = positioned.getValue();
    keepFirst(accumulator, position, record);
    for (String column : columns) {
      JsonNode value = record.get(column);
      if (!Json.isEmpty(value)) {
        ((ArrayNode) accumulator.path("values").path(column))
            .addArray()
            .add(position)
            .add(Json.canonicalText(value));
      }
    }
    return accumulator;
  }

  @Override
  public ObjectNode mergeAccumulators(Iterable<ObjectNode> accumulators) {
    ObjectNode merged = createAccumulator();
    for (ObjectNode accumulator : accumulators) {
      if (accumulator.has("record")) {
        keepFirst(
            merged, accumulator.path("position").asLong(), (ObjectNode) accumulator.get("record"));
      }
      for (String column : columns) {
        ((ArrayNode) merged.path("values").path(column))
            .addAll((ArrayNode) accumulator.path("values").path(column));
      }
    }
    return merged;
  }

  @Override
  public ObjectNode extractOutput(ObjectNode accumulator) {
    ObjectNode record = ((ObjectNode) accumulator.get("record")).deepCopy();
    for (String column : columns) {
      List<JsonNode> values = new ArrayList<>();
      accumulator.path("values").path(column).forEach(values::add);
      values.sort(Comparator.comparingLong(value -> value.get(0).asLong()));
      List<String> texts = values.stream().map(value -> value.get(1).asText()).toList();
      if (texts.isEmpty()) {
        record.putNull(column);
      } else {
        record.put(column, String.join(",\n", texts));
      }
    }
    return record;
  }

  @Override
  public Coder<ObjectNode> getAccumulatorCoder(
      CoderRegistry registry, Coder<KV<Long, ObjectNode>> inputCoder) {
    return ObjectNodeCoder.of();
  }

  @Override
  public Coder<ObjectNode> getDefaultOutputCoder(
      CoderRegistry registry, Coder<KV<Long, ObjectNode>> inputCoder) {
    return ObjectNodeCoder.of();
  }

  private static void keepFirst(ObjectNode accumulator, long position, ObjectNode record) {
    if (!accumulator.has("record") || position < accumulator.path("position").asLong()) {
      accumulator.put("position", position);
      accumulator.set("record", record);
    }
  }
}
