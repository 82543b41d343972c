package gov.austintexas.atd.transforms.totals;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.LocalDate;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.VarLongCoder;

/** Encodes a date as its epoch day; deterministic, so dates can be keys. */
public class LocalDateCoder extends AtomicCoder<LocalDate> {
  private static final long serialVersionUID = 1L;
  private static final LocalDateCoder INSTANCE = new LocalDateCoder();

  public static LocalDateCoder of() {
    return INSTANCE;
  }

  @Override
  public void encode(LocalDate date, OutputStream out) throws IOException {
    VarLongCoder.of().encode(date.toEpochDay(), out);
  }

  @Override
  public LocalDate decode(InputStream in) throws IOException {
    return LocalDate.ofEpochDay(VarLongCoder.of().decode(in));
  }

  @Override
  public void verifyDeterministic() {}

  @Override
  public boolean consistentWithEquals() {
    return true;
  }
}
