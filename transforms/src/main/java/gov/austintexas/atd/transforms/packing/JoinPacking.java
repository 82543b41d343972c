package gov.austintexas.atd.transforms.packing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import gov.austintexas.atd.transforms.json.ReadJsonArrayFile;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.values.KV;

/**
 * How keyed records are packed for a grouping by bucket of their key (one side of a Knack plan's
 * join, an expense table's series): records encoded one after another into batches of about {@link
 * #BATCH_BYTES}, one stream per hash bucket of the key, as {@code KV(bucket, bytes)}. A runner pays
 * per element grouped (the DirectRunner keeps a watermark hold per element and copies each grouped
 * value through its coder for every bundle that feeds the group), so grouping a few hundred byte
 * arrays instead of a million records saves most of the join's cost; the records are decoded in the
 * step that joins them.
 *
 * <p>A reader of many records can pack them itself as it reads them ({@link #newPacker}), so they
 * never form a step's output one by one; a step that groups the batches by bucket then decodes them
 * ({@link #unpack}).
 *
 * @param <T> a record's value, keyed by its record key
 */
public final class JoinPacking<T> implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Large enough that a million records make a few hundred batches, small enough to copy. */
  static final int BATCH_BYTES = 1 << 20;

  private final Coder<KV<String, T>> coder;
  private final int buckets;

  private JoinPacking(Coder<KV<String, T>> coder, int buckets) {
    if (buckets < 1) {
      throw new IllegalArgumentException("buckets must be at least 1, not " + buckets);
    }
    this.coder = coder;
    this.buckets = buckets;
  }

  /** Records encoded with {@code coder}, in {@code buckets} buckets (the grouping's own count). */
  public static <T> JoinPacking<T> of(Coder<KV<String, T>> coder, int buckets) {
    return new JoinPacking<>(coder, buckets);
  }

  public Coder<KV<String, T>> coder() {
    return coder;
  }

  public int buckets() {
    return buckets;
  }

  /** A key's bucket: String's hash is fixed by the language, so it is the same on every worker. */
  public static int bucketOf(String key, int buckets) {
    return Math.floorMod(key.hashCode(), buckets);
  }

  /** A packer for one worker's records, used by one thread. */
  public Packer<T> newPacker() {
    return new Packer<>(this);
  }

  /**
   * Reads a file's objects as {@code fn} keys them (null: none), packed as they are read: with a
   * runner that holds a step's whole output (the DirectRunner holds every object of one file), the
   * records then never form an output one by one.
   */
  public ReadJsonArrayFile.ObjectFn<KV<Integer, byte[]>> packing(
      ReadJsonArrayFile.ObjectFn<KV<String, T>> fn) {
    return new PackingObjectFn<>(this, fn);
  }

  /** {@link #packing}'s function: one packer per worker, drained at the end of each file. */
  static final class PackingObjectFn<T> implements ReadJsonArrayFile.ObjectFn<KV<Integer, byte[]>> {
    private static final long serialVersionUID = 1L;
    private final JoinPacking<T> packing;
    private final ReadJsonArrayFile.ObjectFn<KV<String, T>> fn;
    private transient Packer<T> packer;

    PackingObjectFn(JoinPacking<T> packing, ReadJsonArrayFile.ObjectFn<KV<String, T>> fn) {
      this.packing = packing;
      this.fn = fn;
    }

    @Override
    public KV<Integer, byte[]> apply(long position, ObjectNode object) {
      KV<String, T> record = fn.apply(position, object);
      if (record == null) {
        return null;
      }
      if (packer == null) {
        packer = packing.newPacker();
      }
      return packer.add(record);
    }

    @Override
    public void finish(Consumer<KV<Integer, byte[]>> out) {
      if (packer != null) {
        packer.drain(out);
      }
    }
  }

  /** The records of the batches, each batch in the order it was packed. */
  public List<KV<String, T>> unpack(Iterable<byte[]> packed) throws IOException {
    List<KV<String, T>> records = new ArrayList<>();
    for (byte[] batch : packed) {
      ByteArrayInputStream in = new ByteArrayInputStream(batch);
      while (in.available() > 0) {
        records.add(coder.decode(in));
      }
    }
    return records;
  }

  /** Packs records into per-bucket batches; what is left goes out with {@link #drain}. */
  public static final class Packer<T> {
    private final JoinPacking<T> packing;
    private final ByteArrayOutputStream[] batches;

    private Packer(JoinPacking<T> packing) {
      this.packing = packing;
      this.batches = new ByteArrayOutputStream[packing.buckets];
    }

    /** Adds a record; returns its bucket's batch when that is full, else null. */
    public KV<Integer, byte[]> add(KV<String, T> record) {
      int bucket = bucketOf(record.getKey(), packing.buckets);
      if (batches[bucket] == null) {
        batches[bucket] = new ByteArrayOutputStream(8192);
      }
      try {
        packing.coder.encode(record, batches[bucket]);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      if (batches[bucket].size() < BATCH_BYTES) {
        return null;
      }
      KV<Integer, byte[]> full = KV.of(bucket, batches[bucket].toByteArray());
      batches[bucket] = null;
      return full;
    }

    /** Gives every partly filled batch to {@code out}, and starts afresh. */
    public void drain(Consumer<KV<Integer, byte[]>> out) {
      for (int bucket = 0; bucket < batches.length; bucket++) {
        if (batches[bucket] != null) {
          out.accept(KV.of(bucket, batches[bucket].toByteArray()));
          batches[bucket] = null;
        }
      }
    }
  }
}
