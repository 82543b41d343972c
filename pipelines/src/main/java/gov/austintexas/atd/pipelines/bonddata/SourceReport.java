package gov.austintexas.atd.pipelines.bonddata;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import gov.austintexas.atd.transforms.failure.Failure;
import java.util.ArrayList;
import java.util.List;

/**
 * What became of one source, as the run prints it: loaded with so many rows, or not loaded (the
 * table left as it was) for a reason, with the first invalid rows and their total.
 *
 * @param invalid the first invalid rows, in file and line order
 * @param outage not loaded because the source or the database could not be reached or timed out,
 *     rather than because of its data
 */
public record SourceReport(
    String table,
    String file,
    boolean loaded,
    long rows,
    String reason,
    long invalidTotal,
    List<Failure> invalid,
    boolean outage) {
  static final int SHOWN = 50;
  private static final ObjectMapper JSON = new ObjectMapper();

  String toJson() {
    try {
      return JSON.writeValueAsString(this);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  static SourceReport fromJson(String json) {
    try {
      return JSON.readValue(json, SourceReport.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("not a source report: " + json, e);
    }
  }

  /** The lines the run prints for this source. */
  List<String> lines() {
    if (loaded) {
      return List.of(table + ": " + rows + " rows loaded from " + file);
    }
    List<String> lines = new ArrayList<>();
    String head = table + ": not loaded, the table was left as it was: ";
    if (invalidTotal == 0) {
      lines.add(head + reason);
      return lines;
    }
    lines.add(
        head
            + invalidTotal
            + (invalidTotal == 1 ? " input error" : " input errors")
            + (invalidTotal > invalid.size() ? ", the first " + invalid.size() + ":" : ":"));
    invalid.forEach(failure -> lines.add("  " + failure.describe()));
    if (invalidTotal > invalid.size()) {
      lines.add("  ... " + (invalidTotal - invalid.size()) + " more, " + invalidTotal + " in all");
    }
    return lines;
  }
}
