package gov.austintexas.atd.transforms.socrata;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.coders.DefaultCoder;
import org.apache.beam.sdk.coders.SerializableCoder;

/**
 * The outcome of writing one dataset, emitted once after the whole dataset is written: the rows
 * sent, Socrata's counts summed over every request, and a description of each failure (the chunk,
 * its rows, the status and Socrata's message, or what a replace did to recover).
 *
 * <p>For an upsert the counts are Socrata's, summed over the chunks. For a replace (a revision,
 * whose job reports no counts) {@code created} is the rows the dataset holds once the job has
 * succeeded, and 0 when it did not; {@code updated} and {@code deleted} are 0.
 *
 * @param errors the sum of the {@code Errors} fields Socrata returned; more than 0 is a failure
 */
@DefaultCoder(SerializableCoder.class)
public record SocrataWriteResult(
    String datasetId,
    Operation operation,
    long rowsSent,
    long created,
    long updated,
    long deleted,
    long errors,
    List<String> failures)
    implements Serializable {

  public enum Operation {
    UPSERT,
    REPLACE
  }

  public SocrataWriteResult {
    failures = List.copyOf(failures);
  }

  /** No failure and no row Socrata counted as an error. */
  public boolean succeeded() {
    return failures.isEmpty() && errors == 0;
  }

  static SocrataWriteResult none(String datasetId, Operation operation) {
    return new SocrataWriteResult(datasetId, operation, 0, 0, 0, 0, 0, List.of());
  }

  static SocrataWriteResult of(
      String datasetId,
      Operation operation,
      long rowsSent,
      SocrataCounts counts,
      List<String> failures) {
    return new SocrataWriteResult(
        datasetId,
        operation,
        rowsSent,
        counts.created(),
        counts.updated(),
        counts.deleted(),
        counts.errors(),
        failures);
  }

  /** Both results' rows, counts and failures, for summing the chunks of one dataset. */
  SocrataWriteResult plus(SocrataWriteResult other) {
    List<String> all = new ArrayList<>(failures);
    all.addAll(other.failures);
    return new SocrataWriteResult(
        datasetId,
        operation,
        rowsSent + other.rowsSent,
        created + other.created,
        updated + other.updated,
        deleted + other.deleted,
        errors + other.errors,
        all);
  }

  /** {@code sent 4, created 4, updated 0, deleted 0, errors 0}. */
  public String counts() {
    return "sent "
        + rowsSent
        + ", created "
        + created
        + ", updated "
        + updated
        + ", deleted "
        + deleted
        + ", errors "
        + errors;
  }

  @Override
  public String toString() {
    return operation
        + " "
        + datasetId
        + ": "
        + counts()
        + (failures.isEmpty() ? "" : ", failures " + failures);
  }
}
