package gov.austintexas.atd.transforms.knack;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.windowing.GlobalWindow;
import org.apache.beam.sdk.values.KV;

/**
 * Packs keyed records into batches, one stream per hash bucket of the key: {@code KV(bucket, the
 * records' encodings, one after another)}, about {@link #BATCH_BYTES} each. A runner pays per
 * element grouped (the DirectRunner keeps a watermark hold per element and copies each grouped
 * value through its coder for every bundle that feeds the group), so grouping a few hundred byte
 * arrays instead of a million records saves most of the join's cost; the records are decoded in the
 * step that joins them ({@link #unpack}).
 *
 * <p>For the plan's bounded, globally windowed input: what is left at the end of a bundle goes out
 * in the global window.
 */
class BucketBatchFn<T> extends DoFn<KV<String, T>, KV<Integer, byte[]>> {
  private static final long serialVersionUID = 1L;

  /** Large enough that a million records make a few hundred batches, small enough to copy. */
  static final int BATCH_BYTES = 1 << 20;

  private final Coder<KV<String, T>> coder;
  private final int buckets;
  private transient ByteArrayOutputStream[] batches;

  BucketBatchFn(Coder<KV<String, T>> coder, int buckets) {
    this.coder = coder;
    this.buckets = buckets;
  }

  @StartBundle
  public void startBundle() {
    batches = new ByteArrayOutputStream[buckets];
  }

  @ProcessElement
  public void processElement(@Element KV<String, T> record, OutputReceiver<KV<Integer, byte[]>> out)
      throws IOException {
    int bucket = KnackDiff.bucketOf(record.getKey(), buckets);
    if (batches[bucket] == null) {
      batches[bucket] = new ByteArrayOutputStream(8192);
    }
    ByteArrayOutputStream batch = batches[bucket];
    coder.encode(record, batch);
    if (batch.size() >= BATCH_BYTES) {
      out.output(KV.of(bucket, batch.toByteArray()));
      batches[bucket] = null;
    }
  }

  @FinishBundle
  public void finishBundle(FinishBundleContext context) {
    for (int bucket = 0; bucket < buckets; bucket++) {
      if (batches[bucket] != null) {
        context.output(
            KV.of(bucket, batches[bucket].toByteArray()),
            GlobalWindow.INSTANCE.maxTimestamp(),
            GlobalWindow.INSTANCE);
      }
    }
    batches = null;
  }

  /** The records of the batches, each batch in the order it was packed. */
  static <T> List<KV<String, T>> unpack(Iterable<byte[]> packed, Coder<KV<String, T>> coder)
      throws IOException {
    List<KV<String, T>> records = new ArrayList<>();
    for (byte[] batch : packed) {
      ByteArrayInputStream in = new ByteArrayInputStream(batch);
      while (in.available() > 0) {
        records.add(coder.decode(in));
      }
    }
    return records;
  }
}
