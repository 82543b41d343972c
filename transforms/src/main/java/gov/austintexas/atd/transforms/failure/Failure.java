package gov.austintexas.atd.transforms.failure;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.util.Comparator;
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
 * One thing that could not be done, in every pipeline: a CSV row that is invalid, a table left as
 * it was, a Knack write refused, a Socrata chunk that failed after its retries. Failures travel as
 * {@code PCollection<Failure>} (through a transform's failure {@code TupleTag}) to the dead-letter
 * files and the run report; metrics only count them.
 *
 * @param what the step that failed: {@code read}, {@code validate}, {@code create}, {@code upsert
 *     chunk 2 (rows 1001-2000)}
 * @param where the place: a file's location, a table, a Socrata dataset id; for a Knack write, the
 *     id of the record written (null for a create, which has none yet)
 * @param line the line in {@code where} (1 is a CSV header), 0 when not one line
 * @param column the column or field at fault (for a Knack write, the key field), or null
 * @param value that column's value, or null
 * @param why the reason, in words
 * @param record the record concerned, as JSON text, or null
 * @param outage whether a service or a file could not be reached or did not answer in time, so a
 *     rerun may succeed; otherwise the data or the request was refused and will be again
 */
@DefaultCoder(Failure.Coder.class)
public record Failure(
    String what,
    String where,
    long line,
    String column,
    String value,
    String why,
    String record,
    boolean outage)
    implements Serializable {

  /** By place, line, column (none first), then reason: a file's problems in reading order. */
  public static final Comparator<Failure> IN_FILE_ORDER =
      Comparator.comparing(Failure::where, Comparator.nullsFirst(Comparator.naturalOrder()))
          .thenComparingLong(Failure::line)
          .thenComparing(Failure::column, Comparator.nullsFirst(Comparator.naturalOrder()))
          .thenComparing(Failure::why);

  private static final String UNREACHABLE = "the source could not be reached: ";

  /** {@code what} failed at {@code where} because {@code why}. */
  public static Failure of(String what, String where, String why) {
    return new Failure(what, where, 0, null, null, why, null, false);
  }

  /** A cell of a CSV file that fails its column's rule. */
  public static Failure cell(String file, long line, String column, String value, String why) {
    return new Failure("validate", file, line, column, value, why, null, false);
  }

  /** A CSV row or file that cannot be read as one (line 0: the file as a whole). */
  public static Failure row(String file, long line, String why) {
    return new Failure("read", file, line, null, null, why, null, false);
  }

  /** A source that could not be fetched at all (a timeout, a refused connection). */
  public static Failure unreachable(String file, String why) {
    return new Failure("read", file, 0, null, null, UNREACHABLE + why, null, true);
  }

  /** This failure at {@code line}. */
  public Failure atLine(long line) {
    return new Failure(what, where, line, column, value, why, record, outage);
  }

  /** This failure in {@code column}, whose value is {@code value}. */
  public Failure inColumn(String column, String value) {
    return new Failure(what, where, line, column, value, why, record, outage);
  }

  /** This failure with the record concerned, as JSON text. */
  public Failure withRecord(String record) {
    return new Failure(what, where, line, column, value, why, record, outage);
  }

  /** This failure as an outage: a rerun may succeed. */
  public Failure asOutage() {
    return new Failure(what, where, line, column, value, why, record, true);
  }

  /**
   * The place and the reason, in one line: {@code file, line 3, column "Fiscal Year", value "1999":
   * must be greater than 2000}. Line breaks inside a value are shown as {@code \n}.
   */
  public String describe() {
    StringBuilder text = new StringBuilder(String.valueOf(where));
    if (line > 0) {
      text.append(", line ").append(line);
    }
    if (column != null) {
      text.append(", column \"").append(column).append('"');
    }
    if (value != null) {
      text.append(", value \"").append(value.replace("\r", "\\r").replace("\n", "\\n")).append('"');
    }
    return text.append(": ").append(why).toString();
  }

  /**
   * The step and the reason, for a reader who knows the place: {@code upsert chunk 2 (rows
   * 1001-2000): HTTP 500}.
   */
  public String whatAndWhy() {
    return what + ": " + why;
  }

  /** Each field in turn, a null string as absent: equal failures encode to equal bytes. */
  public static final class Coder extends AtomicCoder<Failure> {
    private static final long serialVersionUID = 1L;
    private static final Coder INSTANCE = new Coder();
    private static final NullableCoder<String> TEXT = NullableCoder.of(StringUtf8Coder.of());

    public static Coder of() {
      return INSTANCE;
    }

    /** Found by {@code @DefaultCoder}, so a {@code PCollection<Failure>} needs no setCoder. */
    public static CoderProvider getCoderProvider() {
      return CoderProviders.forCoder(TypeDescriptor.of(Failure.class), INSTANCE);
    }

    @Override
    public void encode(Failure failure, OutputStream out) throws IOException {
      TEXT.encode(failure.what(), out);
      TEXT.encode(failure.where(), out);
      VarLongCoder.of().encode(failure.line(), out);
      TEXT.encode(failure.column(), out);
      TEXT.encode(failure.value(), out);
      TEXT.encode(failure.why(), out);
      TEXT.encode(failure.record(), out);
      BooleanCoder.of().encode(failure.outage(), out);
    }

    @Override
    public Failure decode(InputStream in) throws IOException {
      return new Failure(
          TEXT.decode(in),
          TEXT.decode(in),
          VarLongCoder.of().decode(in),
          TEXT.decode(in),
          TEXT.decode(in),
          TEXT.decode(in),
          TEXT.decode(in),
          BooleanCoder.of().decode(in));
    }
  }
}
