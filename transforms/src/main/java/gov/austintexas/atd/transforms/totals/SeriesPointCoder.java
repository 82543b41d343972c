package gov.austintexas.atd.transforms.totals;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.util.List;
import org.apache.beam.sdk.coders.BigDecimalCoder;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CustomCoder;
import org.apache.beam.sdk.coders.ListCoder;
import org.apache.beam.sdk.coders.NullableCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarLongCoder;

/** Encodes a {@link SeriesPoint} with its value's coder; amounts keep their exact scale. */
public class SeriesPointCoder<T> extends CustomCoder<SeriesPoint<T>> {
  private static final long serialVersionUID = 1L;
  static final Coder<List<BigDecimal>> AMOUNTS =
      ListCoder.of(NullableCoder.of(BigDecimalCoder.of()));

  private final Coder<T> valueCoder;

  private SeriesPointCoder(Coder<T> valueCoder) {
    this.valueCoder = valueCoder;
  }

  public static <T> SeriesPointCoder<T> of(Coder<T> valueCoder) {
    return new SeriesPointCoder<>(valueCoder);
  }

  public Coder<T> valueCoder() {
    return valueCoder;
  }

  @Override
  public void encode(SeriesPoint<T> point, OutputStream out) throws IOException {
    StringUtf8Coder.of().encode(point.position(), out);
    VarLongCoder.of().encode(point.tiebreak(), out);
    AMOUNTS.encode(point.amounts(), out);
    valueCoder.encode(point.value(), out);
  }

  @Override
  public SeriesPoint<T> decode(InputStream in) throws IOException {
    String position = StringUtf8Coder.of().decode(in);
    long tiebreak = VarLongCoder.of().decode(in);
    List<BigDecimal> amounts = AMOUNTS.decode(in);
    return new SeriesPoint<>(position, tiebreak, amounts, valueCoder.decode(in));
  }

  @Override
  public List<? extends Coder<?>> getCoderArguments() {
    return List.of(valueCoder);
  }
}
