package gov.austintexas.atd.pipelines.bondcalculations;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.apache.beam.sdk.coders.CannotProvideCoderException;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CoderRegistry;
import org.apache.beam.sdk.transforms.Combine.CombineFn;
import org.apache.beam.sdk.values.KV;

/**
 * Expense rows encoded one after another into batches of about {@link #BATCH_BYTES}, one stream per
 * bucket of the group key ({@link FillAndTotal#bucket}), as {@code KV(bucket, bytes)}. A million
 * rows make a few hundred batches: the DirectRunner holds a step's whole output and copies a
 * group's values through their coder when it hands them on, which for a million rows as objects was
 * gigabytes of heap and seconds of collection. The rows are decoded in the step that uses them.
 */
final class PackedRows<R extends ExpenseRow> implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Large enough that a million rows make a few hundred batches, small enough to copy. */
  static final int BATCH_BYTES = 1 << 20;

  private final Coder<R> rowCoder;

  PackedRows(Coder<R> rowCoder) {
    this.rowCoder = rowCoder;
  }

  Coder<R> rowCoder() {
    return rowCoder;
  }

  /** A packer for one worker's rows, used by one thread. */
  Packer newPacker() {
    return new Packer();
  }

  /** Every row of {@code batch}, in the order it was packed. */
  void forEach(byte[] batch, Consumer<R> action) {
    ByteArrayInputStream in = new ByteArrayInputStream(batch);
    try {
      while (in.available() > 0) {
        action.accept(rowCoder.decode(in));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("a packed batch of rows does not decode", e);
    }
  }

  /** The rows of the batches, each batch in the order it was packed. */
  List<R> unpack(Iterable<byte[]> batches) {
    List<R> rows = new ArrayList<>();
    for (byte[] batch : batches) {
      forEach(batch, rows::add);
    }
    return rows;
  }

  /** {@code fn} over the rows of packed batches. */
  <A, O> CombineFn<KV<Integer, byte[]>, A, O> combining(CombineFn<R, A, O> fn) {
    return new UnpackingFn<>(this, fn);
  }

  /** Packs rows into per-bucket batches; what is left goes out with {@link #drain}. */
  final class Packer {
    private final ByteArrayOutputStream[] batches = new ByteArrayOutputStream[FillAndTotal.BUCKETS];

    /** Adds a row; returns its bucket's batch when that is full, else null. */
    KV<Integer, byte[]> add(R row) {
      int bucket = FillAndTotal.bucket(row.aimsDeptProgAct());
      if (batches[bucket] == null) {
        batches[bucket] = new ByteArrayOutputStream(1 << 16);
      }
      try {
        rowCoder.encode(row, batches[bucket]);
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
    void drain(Consumer<KV<Integer, byte[]>> out) {
      for (int bucket = 0; bucket < batches.length; bucket++) {
        if (batches[bucket] != null) {
          out.accept(KV.of(bucket, batches[bucket].toByteArray()));
          batches[bucket] = null;
        }
      }
    }
  }

  static final class UnpackingFn<R extends ExpenseRow, A, O>
      extends CombineFn<KV<Integer, byte[]>, A, O> {
    private static final long serialVersionUID = 1L;
    private final PackedRows<R> packed;
    private final CombineFn<R, A, O> fn;

    UnpackingFn(PackedRows<R> packed, CombineFn<R, A, O> fn) {
      this.packed = packed;
      this.fn = fn;
    }

    @Override
    public A createAccumulator() {
      return fn.createAccumulator();
    }

    @Override
    public A addInput(A accumulator, KV<Integer, byte[]> batch) {
      A sums = accumulator;
      for (R row : packed.unpack(List.of(batch.getValue()))) {
        sums = fn.addInput(sums, row);
      }
      return sums;
    }

    @Override
    public A mergeAccumulators(Iterable<A> accumulators) {
      return fn.mergeAccumulators(accumulators);
    }

    @Override
    public O extractOutput(A accumulator) {
      return fn.extractOutput(accumulator);
    }

    @Override
    public Coder<A> getAccumulatorCoder(
        CoderRegistry registry, Coder<KV<Integer, byte[]>> inputCoder)
        throws CannotProvideCoderException {
      return fn.getAccumulatorCoder(registry, packed.rowCoder());
    }

    @Override
    public Coder<O> getDefaultOutputCoder(
        CoderRegistry registry, Coder<KV<Integer, byte[]>> inputCoder)
        throws CannotProvideCoderException {
      return fn.getDefaultOutputCoder(registry, packed.rowCoder());
    }
  }
}
