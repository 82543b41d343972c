package gov.austintexas.atd.transforms.jdbc;

import gov.austintexas.atd.transforms.failure.Failure;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.CoderProvider;
import org.apache.beam.sdk.coders.CoderProviders;
import org.apache.beam.sdk.coders.DefaultCoder;
import org.apache.beam.sdk.coders.NullableCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.values.TypeDescriptor;

/**
 * What became of a table: replaced with {@code rows} rows, or left as it was for the {@code
 * failure}'s reason: the input was refused (invalid rows, a constraint), or, when the failure is an
 * {@link Failure#outage outage}, the database could not be reached or did not finish in time (a
 * lock or statement timeout, a lost connection), which a rerun may not meet again.
 *
 * @param failure null when the table was replaced
 */
@DefaultCoder(ReplaceOutcome.Coder.class)
public record ReplaceOutcome(String table, long rows, Failure failure) {
  private static final String WHAT = "replace";

  public static ReplaceOutcome replaced(String table, long rows) {
    return new ReplaceOutcome(table, rows, null);
  }

  /** The input was refused; the same input will be refused again. */
  public static ReplaceOutcome leftAsItWas(String table, String reason) {
    return new ReplaceOutcome(table, 0, Failure.of(WHAT, table, reason));
  }

  /** The database failed or timed out; the table is as it was and a rerun may succeed. */
  public static ReplaceOutcome failed(String table, String reason) {
    return new ReplaceOutcome(table, 0, Failure.of(WHAT, table, reason).asOutage());
  }

  public boolean replaced() {
    return failure == null;
  }

  /** Why the table was left as it was; null when it was replaced. */
  public String reason() {
    return failure == null ? null : failure.why();
  }

  public boolean outage() {
    return failure != null && failure.outage();
  }

  public static final class Coder extends AtomicCoder<ReplaceOutcome> {
    private static final long serialVersionUID = 1L;
    private static final Coder INSTANCE = new Coder();
    private static final NullableCoder<Failure> FAILURE = NullableCoder.of(Failure.Coder.of());

    public static Coder of() {
      return INSTANCE;
    }

    /**
     * Found by {@code @DefaultCoder}, so a {@code PCollection<ReplaceOutcome>} needs no setCoder.
     */
    public static CoderProvider getCoderProvider() {
      return CoderProviders.forCoder(TypeDescriptor.of(ReplaceOutcome.class), INSTANCE);
    }

    @Override
    public void encode(ReplaceOutcome outcome, OutputStream out) throws IOException {
      StringUtf8Coder.of().encode(outcome.table(), out);
      VarLongCoder.of().encode(outcome.rows(), out);
      FAILURE.encode(outcome.failure(), out);
    }

    @Override
    public ReplaceOutcome decode(InputStream in) throws IOException {
      return new ReplaceOutcome(
          StringUtf8Coder.of().decode(in), VarLongCoder.of().decode(in), FAILURE.decode(in));
    }
  }
}
