package gov.austintexas.atd.transforms.totals;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CustomCoder;

/** Encodes a {@link Totalled} with its value's coder; totals keep their exact scale. */
public class TotalledCoder<T> extends CustomCoder<Totalled<T>> {
  private static final long serialVersionUID = 1L;
  private final Coder<T> valueCoder;

  private TotalledCoder(Coder<T> valueCoder) {
    this.valueCoder = valueCoder;
  }

  public static <T> TotalledCoder<T> of(Coder<T> valueCoder) {
    return new TotalledCoder<>(valueCoder);
  }

  @Override
  public void encode(Totalled<T> totalled, OutputStream out) throws IOException {
    valueCoder.encode(totalled.value(), out);
    SeriesPointCoder.AMOUNTS.encode(totalled.totals(), out);
  }

  @Override
  public Totalled<T> decode(InputStream in) throws IOException {
    T value = valueCoder.decode(in);
    return new Totalled<>(value, SeriesPointCoder.AMOUNTS.decode(in));
  }

  @Override
  public List<? extends Coder<?>> getCoderArguments() {
    return List.of(valueCoder);
  }
}
