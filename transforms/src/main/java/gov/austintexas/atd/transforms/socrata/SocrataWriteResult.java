package gov.austintexas.atd.transforms.socrata;

import gov.austintexas.atd.transforms.failure.Failure;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.DefaultCoder;
import org.apache.beam.sdk.coders.ListCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarLongCoder;

/**
 * The outcome of writing one dataset, emitted once after the whole dataset is written: the rows
 * sent, Socrata's counts summed over every request, and each {@link Failure} ({@code what}: the
 * chunk and its rows, or the replace's step; {@code why}: the status and Socrata's message, or what
 * a replace did to recover; {@code where}: the dataset).
 *
 * <p>For an upsert the counts are Socrata's, summed over the chunks. For a replace (a revision,
 * whose job reports no counts) {@code created} is the rows the dataset holds once the job has
 * succeeded, and 0 when it did not; {@code updated} and {@code deleted} are 0.
 *
 * @param errors the sum of the {@code Errors} fields Socrata returned; more than 0 is a failure
 */
@DefaultCoder(SocrataWriteResult.Coder.class)
public record SocrataWriteResult(
    String datasetId,
    Operation operation,
    long rowsSent,
    long created,
    long updated,
    long deleted,
    long errors,
    List<Failure> failures)
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
      List<Failure> failures) {
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

  /** {@code what} failed on {@code datasetId} for Socrata's reason. */
  static Failure failure(String what, String datasetId, SocrataException cause) {
    Failure failure = Failure.of(what, datasetId, cause.getMessage());
    return isOutage(cause) ? failure.asOutage() : failure;
  }

  /**
   * Socrata's last answer was one worth retrying (429, 5xx): a rerun may succeed. (Status 0 is no
   * answer, but also a refusal made here, such as a missing row identifier, so it is not one.)
   */
  static boolean isOutage(SocrataException cause) {
    return cause.retryable();
  }

  /** Both results' rows, counts and failures, for summing the chunks of one dataset. */
  SocrataWriteResult plus(SocrataWriteResult other) {
    List<Failure> all = new ArrayList<>(failures);
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
    return "sent " + rowsSent + ", " + new SocrataCounts(created, updated, deleted, errors);
  }

  @Override
  public String toString() {
    return operation
        + " "
        + datasetId
        + ": "
        + counts()
        + (failures.isEmpty()
            ? ""
            : ", failures " + failures.stream().map(Failure::whatAndWhy).toList());
  }

  /** The fields in order, the failures through {@link Failure.Coder}: deterministic. */
  public static final class Coder extends AtomicCoder<SocrataWriteResult> {
    private static final long serialVersionUID = 1L;
    private static final Coder INSTANCE = new Coder();
    private static final ListCoder<Failure> FAILURES = ListCoder.of(Failure.Coder.of());

    public static Coder of() {
      return INSTANCE;
    }

    @Override
    public void encode(SocrataWriteResult result, OutputStream out) throws IOException {
      StringUtf8Coder.of().encode(result.datasetId(), out);
      StringUtf8Coder.of().encode(result.operation().name(), out);
      for (long count :
          new long[] {
            result.rowsSent(), result.created(), result.updated(), result.deleted(), result.errors()
          }) {
        VarLongCoder.of().encode(count, out);
      }
      FAILURES.encode(result.failures(), out);
    }

    @Override
    public SocrataWriteResult decode(InputStream in) throws IOException {
      return new SocrataWriteResult(
          StringUtf8Coder.of().decode(in),
          Operation.valueOf(StringUtf8Coder.of().decode(in)),
          VarLongCoder.of().decode(in),
          VarLongCoder.of().decode(in),
          VarLongCoder.of().decode(in),
          VarLongCoder.of().decode(in),
          VarLongCoder.of().decode(in),
          FAILURES.decode(in));
    }
  }
}
