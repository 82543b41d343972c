package gov.austintexas.atd.transforms.io;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.Writer;
import java.nio.channels.Channels;
import java.nio.channels.WritableByteChannel;
import java.util.UUID;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.Values;
import org.apache.beam.sdk.transforms.WithKeys;
import org.apache.beam.sdk.transforms.windowing.GlobalWindow;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;

/**
 * Writes JSON values (one serialized object or value per element) as a single JSON array file,
 * replacing the file whole: readers see the old file or the new one, never a partial one.
 *
 * <p>Each bundle streams its elements into a staging part next to the target, so no step holds
 * all rows at once and no shuffle is needed; {@link PublishStagedParts} then moves the parts into
 * place in one step. The order of elements from different bundles is not kept. With no elements
 * at all the target is left untouched and the run fails with {@code BadDataException}, unless
 * {@link #allowEmpty()} asks for an empty array. A {@link PublishGuard} ({@link
 * #withPublishGuard}) can refuse the replacement in the same way, e.g. {@link MinimumRowShare}.
 *
 * <p>Output: one {@code KV(target path, element count)} once the file is in place.
 */
public class WriteJsonArrayFile extends PTransform<PCollection<String>, PCollection<KV<String, Long>>> {
  private static final long serialVersionUID = 1L;

  private final String directory;
  private final String fileName;
  private final String emptyMessage; // null: no elements write an empty array
  private final boolean gathered;
  private final PublishGuard guard; // null: none

  private WriteJsonArrayFile(String directory, String fileName, String emptyMessage, boolean gathered, PublishGuard guard) {
    this.directory = directory;
    this.fileName = fileName;
    this.emptyMessage = emptyMessage;
    this.gathered = gathered;
    this.guard = guard;
  }

  /** Writes {@code fileName} in {@code directory}: {@code s3://bucket/prefix/} or a local path. */
  public static WriteJsonArrayFile to(String directory, String fileName) {
    return new WriteJsonArrayFile(directory, fileName, "no elements to write", false, null);
  }

  /** The reason given when there is nothing to write. */
  public WriteJsonArrayFile withEmptyMessage(String message) {
    return new WriteJsonArrayFile(directory, fileName, message, gathered, guard);
  }

  /** With no elements, replaces the file with an empty array instead of failing (reports, dead letters). */
  public WriteJsonArrayFile allowEmpty() {
    return new WriteJsonArrayFile(directory, fileName, null, gathered, guard);
  }

  /**
   * Gathers the elements into one group before writing, for inputs that arrive in many tiny
   * bundles (after a GroupByKey the DirectRunner makes a bundle per key, which would make a part
   * per element). Only for files small enough to group: reports and dead letters.
   */
  public WriteJsonArrayFile gatheredFirst() {
    return new WriteJsonArrayFile(directory, fileName, emptyMessage, true, guard);
  }

  /** Checks the replacement with {@code guard} once the new row count is known, before publishing. */
  public WriteJsonArrayFile withPublishGuard(PublishGuard guard) {
    return new WriteJsonArrayFile(directory, fileName, emptyMessage, gathered, guard);
  }

  @Override
  public PCollection<KV<String, Long>> expand(PCollection<String> values) {
    StagingArea staging = StagingArea.forFile(directory, fileName, "application/json");
    if (gathered) {
      values =
          values
              .apply("Gather", WithKeys.of(fileName))
              .setCoder(KvCoder.of(StringUtf8Coder.of(), values.getCoder()))
              .apply("Group", GroupByKey.create())
              .apply("Ungroup", Values.create())
              .apply("Elements", Flatten.iterables());
    }
    return values
        .apply("Write parts", ParDo.of(new WriteBundlePartFn(staging, FileLayout.JSON_ARRAY)))
        .setCoder(PublishStagedParts.PART_CODER)
        .apply(new PublishStagedParts(staging, FileLayout.JSON_ARRAY, emptyMessage, guard));
  }

  /** Streams one bundle's elements into one staging part laid out whole: {@code [\n a,\n b\n]\n}. */
  static class WriteBundlePartFn extends DoFn<String, KV<String, Long>> {
    private static final long serialVersionUID = 1L;
    private final Counter written = Metrics.counter(WriteJsonArrayFile.class, "elements_written");
    private final StagingArea staging;
    private final FileLayout layout;

    private transient ResourceId part;
    private transient WritableByteChannel channel;
    private transient Writer writer;
    private transient long count;
    private transient PipelineOptions options;

    WriteBundlePartFn(StagingArea staging, FileLayout layout) {
      this.staging = staging;
      this.layout = layout;
    }

    @StartBundle
    public void startBundle(StartBundleContext context) {
      options = context.getPipelineOptions();
      part = null;
      writer = null;
      count = 0;
    }

    @ProcessElement
    public void processElement(@Element String value) throws IOException {
      if (writer == null) {
        part = staging.part("bundle-" + UUID.randomUUID());
        channel = staging.create(part);
        writer = Channels.newWriter(channel, UTF_8.newEncoder(), 1 << 16);
        writer.write(layout.open());
      } else {
        writer.write(layout.separator());
      }
      writer.write(value);
      count++;
      written.inc();
    }

    @FinishBundle
    public void finishBundle(FinishBundleContext context) throws IOException {
      if (writer == null) {
        return;
      }
      writer.write(layout.close());
      writer.close();
      writer = null;
      context.output(
          KV.of(part.toString(), count), GlobalWindow.INSTANCE.maxTimestamp(), GlobalWindow.INSTANCE);
    }

    @Teardown
    public void teardown() throws IOException {
      // A failed bundle leaves its part open: closing it would complete a partial part on S3.
      if (writer != null) {
        writer = null;
        staging.discard(part, channel, options);
      }
    }
  }
}
