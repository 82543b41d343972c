package gov.austintexas.atd.transforms.validation;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Serializable;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.CoderProvider;
import org.apache.beam.sdk.coders.CoderProviders;
import org.apache.beam.sdk.coders.DefaultCoder;
import org.apache.beam.sdk.coders.NullableCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.values.TypeDescriptor;

/**
 * Why a row (or a whole file) cannot be loaded: the file, the line (1 is the header; 0 when the
 * file could not be read at all), the CSV column and its value when one cell is at fault, and the
 * reason.
 */
@DefaultCoder(InvalidRow.Coder.class)
public record InvalidRow(String file, long line, String column, String value, String reason)
    implements Serializable {
  private static final String UNREACHABLE = "the source could not be reached: ";

  /** A problem with one cell. */
  public static InvalidRow cell(
      String file, long line, String column, String value, String reason) {
    return new InvalidRow(file, line, column, value, reason);
  }

  /** A problem with a whole row or file. */
  public static InvalidRow row(String file, long line, String reason) {
    return new InvalidRow(file, line, null, null, reason);
  }

  /**
   * The file could not be fetched at all (a timeout, a refused connection): an outage, not bad
   * data.
   */
  public static InvalidRow unreachable(String file, String reason) {
    return new InvalidRow(file, 0, null, null, UNREACHABLE + reason);
  }

  /** Whether this is {@link #unreachable}: the source, not its data, failed. */
  public boolean sourceUnreachable() {
    return line == 0 && reason.startsWith(UNREACHABLE);
  }

  /**
   * One line of text: {@code file, line 3, column "Fiscal Year", value "1999": must be greater than
   * 2000}. Line breaks inside a value are shown as {@code \n}.
   */
  public String describe() {
    StringBuilder text = new StringBuilder(file);
    if (line > 0) {
      text.append(", line ").append(line);
    }
    if (column != null) {
      text.append(", column \"").append(column).append('"');
    }
    if (value != null) {
      text.append(", value \"").append(value.replace("\r", "\\r").replace("\n", "\\n")).append('"');
    }
    return text.append(": ").append(reason).toString();
  }

  public static final class Coder extends AtomicCoder<InvalidRow> {
    private static final long serialVersionUID = 1L;
    private static final Coder INSTANCE = new Coder();
    private static final NullableCoder<String> TEXT = NullableCoder.of(StringUtf8Coder.of());

    public static Coder of() {
      return INSTANCE;
    }

    /** Found by {@code @DefaultCoder}, so a {@code PCollection<InvalidRow>} needs no setCoder. */
    public static CoderProvider getCoderProvider() {
      return CoderProviders.forCoder(TypeDescriptor.of(InvalidRow.class), INSTANCE);
    }

    @Override
    public void encode(InvalidRow row, OutputStream out) throws IOException {
      StringUtf8Coder.of().encode(row.file(), out);
      VarLongCoder.of().encode(row.line(), out);
      TEXT.encode(row.column(), out);
      TEXT.encode(row.value(), out);
      StringUtf8Coder.of().encode(row.reason(), out);
    }

    @Override
    public InvalidRow decode(InputStream in) throws IOException {
      return new InvalidRow(
          StringUtf8Coder.of().decode(in),
          VarLongCoder.of().decode(in),
          TEXT.decode(in),
          TEXT.decode(in),
          StringUtf8Coder.of().decode(in));
    }
  }
}
