package gov.austintexas.atd.transforms.packing;

import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.windowing.GlobalWindow;
import org.apache.beam.sdk.values.KV;

/**
 * Packs records into their batches ({@link JoinPacking}), per bundle. For the plan's bounded,
 * globally windowed input: what is left at the end of a bundle goes out in the global window.
 */
public class BucketBatchFn<T> extends DoFn<KV<String, T>, KV<Integer, byte[]>> {
  private static final long serialVersionUID = 1L;
  private final JoinPacking<T> packing;
  private transient JoinPacking.Packer<T> packer;

  public BucketBatchFn(JoinPacking<T> packing) {
    this.packing = packing;
  }

  @StartBundle
  public void startBundle() {
    packer = packing.newPacker();
  }

  @ProcessElement
  public void processElement(
      @Element KV<String, T> record, OutputReceiver<KV<Integer, byte[]>> out) {
    KV<Integer, byte[]> full = packer.add(record);
    if (full != null) {
      out.output(full);
    }
  }

  @FinishBundle
  public void finishBundle(FinishBundleContext context) {
    packer.drain(
        batch ->
            context.output(batch, GlobalWindow.INSTANCE.maxTimestamp(), GlobalWindow.INSTANCE));
    packer = null;
  }
}
