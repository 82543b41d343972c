package gov.austintexas.atd.transforms.jdbc;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.BooleanCoder;
import org.apache.beam.sdk.coders.CoderProvider;
import org.apache.beam.sdk.coders.CoderProviders;
import org.apache.beam.sdk.coders.DefaultCoder;
import org.apache.beam.sdk.coders.NullableCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.values.TypeDescriptor;

/**
 * What became of a table: replaced with {@code rows} rows, or left as it was for a reason: the
 * input was refused (invalid rows, a constraint), or, when {@code outage}, the database could not
 * be reached or did not finish in time (a lock or statement timeout, a lost connection), which a
 * rerun may not meet again.
 */
@DefaultCoder(ReplaceOutcome.Coder.class)
public record ReplaceOutcome(
    String table, boolean replaced, long rows, String reason, boolean outage) {

  public static ReplaceOutcome replaced(String table, long rows) {
    return new ReplaceOutcome(table, true, rows, null, false);
  }

  /** The input was refused; the same input will be refused again. */
  public static ReplaceOutcome leftAsItWas(String table, String reason) {
    return new ReplaceOutcome(table, false, 0, reason, false);
  }

  /** The database failed or timed out; the table is as it was and a rerun may succeed. */
  public static ReplaceOutcome failed(String table, String reason) {
    return new ReplaceOutcome(table, false, 0, reason, true);
  }

  public static final class Coder extends AtomicCoder<ReplaceOutcome> {
    private static final long serialVersionUID = 1L;
    private static final Coder INSTANCE = new Coder();
    private static final NullableCoder<String> TEXT = NullableCoder.of(StringUtf8Coder.of());

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
      BooleanCoder.of().encode(outcome.replaced(), out);
      VarLongCoder.of().encode(outcome.rows(), out);
      TEXT.encode(outcome.reason(), out);
      BooleanCoder.of().encode(outcome.outage(), out);
    }

    @Override
    public ReplaceOutcome decode(InputStream in) throws IOException {
      return new ReplaceOutcome(
          StringUtf8Coder.of().decode(in),
          BooleanCoder.of().decode(in),
          VarLongCoder.of().decode(in),
          TEXT.decode(in),
          BooleanCoder.of().decode(in));
    }
  }
}
