package gov.austintexas.atd.transforms.totals;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.coders.ByteArrayCoder;
import org.apache.beam.sdk.coders.CannotProvideCoderException;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CoderException;
import org.apache.beam.sdk.coders.CoderRegistry;
import org.apache.beam.sdk.coders.CustomCoder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.ListCoder;
import org.apache.beam.sdk.coders.MapCoder;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.Combine.CombineFn;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.util.CoderUtils;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;

/**
 * {@code Combine.perKey(fn)} for many keys: the same {@code KV(key, output)}, but the keys are
 * combined in {@link SeriesBuckets}, each bucket's accumulator holding one accumulator of {@code
 * fn} per key. After a grouping the DirectRunner makes a bundle per key, and every step downstream
 * then pays per bundle (a file part each, a copy of a grouping's state each); here the outputs of
 * one bucket come as one bundle. A distributed runner still gets {@code buckets} groups.
 *
 * <p>Keys are compared with {@code equals}, so they need value equality (strings, numbers, KVs of
 * them), and the input's coder must be a {@code KvCoder}.
 */
public final class BucketedCombine<K, InputT, OutputT>
    extends PTransform<PCollection<KV<K, InputT>>, PCollection<KV<K, OutputT>>> {
  private static final long serialVersionUID = 1L;
  private final CombineFn<InputT, ?, OutputT> fn;
  private final int buckets;

  private BucketedCombine(CombineFn<InputT, ?, OutputT> fn, int buckets) {
    this.fn = fn;
    this.buckets = buckets;
  }

  public static <K, InputT, OutputT> BucketedCombine<K, InputT, OutputT> perKey(
      CombineFn<InputT, ?, OutputT> fn) {
    return new BucketedCombine<>(fn, SeriesBuckets.DEFAULT_BUCKETS);
  }

  /** Combines the keys in this many groups (more for a larger cluster). */
  public BucketedCombine<K, InputT, OutputT> withBuckets(int buckets) {
    return new BucketedCombine<>(fn, buckets);
  }

  @Override
  public PCollection<KV<K, OutputT>> expand(PCollection<KV<K, InputT>> input) {
    KvCoder<K, InputT> coder = (KvCoder<K, InputT>) input.getCoder();
    Coder<OutputT> outputCoder;
    try {
      outputCoder =
          fn.getDefaultOutputCoder(input.getPipeline().getCoderRegistry(), coder.getValueCoder());
    } catch (CannotProvideCoderException e) {
      throw new IllegalStateException("no coder for the outputs of " + fn, e);
    }
    KvCoder<K, OutputT> outputKvCoder = KvCoder.of(coder.getKeyCoder(), outputCoder);
    return input
        .apply("Buckets of the key", SeriesBuckets.of(buckets))
        .apply(
            "Combine each bucket",
            Combine.perKey(keysOfBucket(fn, coder.getKeyCoder(), outputKvCoder)))
        .apply("One per key", ParDo.of(new EachKeyFn<K, OutputT>()))
        .setCoder(outputKvCoder);
  }

  private static <K, InputT, AccumT, OutputT>
      KeysOfBucketFn<K, InputT, AccumT, OutputT> keysOfBucket(
          CombineFn<InputT, AccumT, OutputT> fn,
          Coder<K> keyCoder,
          KvCoder<K, OutputT> outputCoder) {
    return new KeysOfBucketFn<>(fn, keyCoder, outputCoder);
  }

  /**
   * {@code fn} for each key of a bucket: an accumulator per key, merged key by key. The bucket's
   * accumulators travel encoded ({@link Accumulators}).
   */
  static class KeysOfBucketFn<K, InputT, AccumT, OutputT>
      extends CombineFn<KV<K, InputT>, Accumulators<K, AccumT>, List<KV<K, OutputT>>> {
    private static final long serialVersionUID = 1L;
    private final CombineFn<InputT, AccumT, OutputT> fn;
    private final Coder<K> keyCoder;
    private final KvCoder<K, OutputT> outputCoder;

    KeysOfBucketFn(
        CombineFn<InputT, AccumT, OutputT> fn, Coder<K> keyCoder, KvCoder<K, OutputT> outputCoder) {
      this.fn = fn;
      this.keyCoder = keyCoder;
      this.outputCoder = outputCoder;
    }

    @Override
    public Accumulators<K, AccumT> createAccumulator() {
      return new Accumulators<>(new HashMap<>(), null);
    }

    @Override
    public Accumulators<K, AccumT> addInput(
        Accumulators<K, AccumT> accumulators, KV<K, InputT> input) {
      Map<K, AccumT> keys = accumulators.changing();
      AccumT accumulator = keys.get(input.getKey());
      keys.put(
          input.getKey(),
          fn.addInput(
              accumulator == null ? fn.createAccumulator() : accumulator, input.getValue()));
      return accumulators;
    }

    @Override
    public Accumulators<K, AccumT> mergeAccumulators(
        Iterable<Accumulators<K, AccumT>> accumulators) {
      Map<K, List<AccumT>> byKey = new HashMap<>();
      for (Accumulators<K, AccumT> keys : accumulators) {
        keys.keys()
            .forEach(
                (key, accumulator) ->
                    byKey.computeIfAbsent(key, k -> new ArrayList<>()).add(accumulator));
      }
      Map<K, AccumT> merged = new HashMap<>();
      byKey.forEach((key, parts) -> merged.put(key, fn.mergeAccumulators(parts)));
      return new Accumulators<>(merged, null);
    }

    @Override
    public List<KV<K, OutputT>> extractOutput(Accumulators<K, AccumT> accumulators) {
      Map<K, AccumT> keys = accumulators.keys();
      List<KV<K, OutputT>> outputs = new ArrayList<>(keys.size());
      keys.forEach((key, accumulator) -> outputs.add(KV.of(key, fn.extractOutput(accumulator))));
      return outputs;
    }

    @Override
    public Coder<Accumulators<K, AccumT>> getAccumulatorCoder(
        CoderRegistry registry, Coder<KV<K, InputT>> inputCoder)
        throws CannotProvideCoderException {
      Coder<InputT> valueCoder = ((KvCoder<K, InputT>) inputCoder).getValueCoder();
      return new AccumulatorsCoder<>(
          MapCoder.of(keyCoder, fn.getAccumulatorCoder(registry, valueCoder)));
    }

    @Override
    public Coder<List<KV<K, OutputT>>> getDefaultOutputCoder(
        CoderRegistry registry, Coder<KV<K, InputT>> inputCoder) {
      return ListCoder.of(outputCoder);
    }
  }

  /**
   * A bucket's accumulators, by key, kept as their encoding once encoded and decoded only when
   * read. A grouping holds a bucket's partial accumulators, one from each bundle that fed it, and
   * the DirectRunner copies that whole group through its coder for every further bundle: as bytes
   * each copy is an array copy, where decoding and encoding every key's sums made the summary
   * tables' Combine quadratic in the bundles (35 s at 1,000,000 rows).
   */
  static final class Accumulators<K, AccumT> {
    private Map<K, AccumT> keys; // null until decoded
    private byte[] encoded; // null until encoded, and again once changed
    private Coder<Map<K, AccumT>> coder; // for decoding

    Accumulators(Map<K, AccumT> keys, byte[] encoded) {
      this.keys = keys;
      this.encoded = encoded;
    }

    Map<K, AccumT> keys() {
      if (keys == null) {
        try {
          keys = CoderUtils.decodeFromByteArray(coder, encoded);
        } catch (CoderException e) {
          throw new IllegalStateException("accumulators that were encoded do not decode", e);
        }
      }
      return keys;
    }

    /** The accumulators, to be changed: the encoding no longer holds. */
    Map<K, AccumT> changing() {
      Map<K, AccumT> decoded = keys();
      encoded = null;
      return decoded;
    }

    byte[] encoded(Coder<Map<K, AccumT>> mapCoder) throws CoderException {
      if (encoded == null) {
        encoded = CoderUtils.encodeToByteArray(mapCoder, keys);
      }
      return encoded;
    }
  }

  /** {@link Accumulators} as their encoding, length-prefixed; decoded lazily. */
  static final class AccumulatorsCoder<K, AccumT> extends CustomCoder<Accumulators<K, AccumT>> {
    private static final long serialVersionUID = 1L;
    private final Coder<Map<K, AccumT>> mapCoder;

    AccumulatorsCoder(Coder<Map<K, AccumT>> mapCoder) {
      this.mapCoder = mapCoder;
    }

    @Override
    public void encode(Accumulators<K, AccumT> value, OutputStream out) throws IOException {
      ByteArrayCoder.of().encode(value.encoded(mapCoder), out);
    }

    @Override
    public Accumulators<K, AccumT> decode(InputStream in) throws IOException {
      Accumulators<K, AccumT> value = new Accumulators<>(null, ByteArrayCoder.of().decode(in));
      value.coder = mapCoder;
      return value;
    }

    @Override
    public void verifyDeterministic() throws NonDeterministicException {
      mapCoder.verifyDeterministic();
    }
  }

  static class EachKeyFn<K, OutputT>
      extends DoFn<KV<Integer, List<KV<K, OutputT>>>, KV<K, OutputT>> {
    private static final long serialVersionUID = 1L;

    @ProcessElement
    public void processElement(
        @Element KV<Integer, List<KV<K, OutputT>>> bucket, OutputReceiver<KV<K, OutputT>> out) {
      bucket.getValue().forEach(out::output);
    }
  }
}
