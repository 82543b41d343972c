package gov.austintexas.atd.transforms.io;

import java.io.IOException;
import java.io.Serializable;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.Impulse;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.Values;
import org.apache.beam.sdk.transforms.WithKeys;
import org.apache.beam.sdk.transforms.windowing.GlobalWindow;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionView;

/**
 * Writes JSON values (one serialized object or value per element) as a single JSON array file,
 * replacing the file whole: readers see the old file or the new one, never a partial one.
 *
 * <p>Each bundle streams its elements into a staging part next to the target, so no step holds all
 * rows at once and no shuffle is needed; {@link PublishStagedParts} then moves the parts into place
 * in one step. The order of elements from different bundles is not kept. With no elements at all
 * the target is left untouched and the run fails with {@code BadDataException}, unless {@link
 * #allowEmpty()} asks for an empty array. A {@link PublishGuard} ({@link #withPublishGuard}) can
 * refuse the replacement in the same way, e.g. {@link MinimumRowShare}.
 *
 * <p>Output: one {@code KV(target path, element count)} once the file is in place.
 */
public class WriteJsonArrayFile
    extends PTransform<PCollection<String>, PCollection<KV<String, Long>>> {
  private static final long serialVersionUID = 1L;

  private final String directory;
  private final String fileName;
  private final String emptyMessage; // null: no elements write an empty array
  private final boolean gathered;
  private final PublishGuard guard; // null: none
  private final transient PCollectionView<?> after; // null: none

  private WriteJsonArrayFile(
      String directory,
      String fileName,
      String emptyMessage,
      boolean gathered,
      PublishGuard guard) {
    this(directory, fileName, emptyMessage, gathered, guard, null);
  }

  private WriteJsonArrayFile(
      String directory,
      String fileName,
      String emptyMessage,
      boolean gathered,
      PublishGuard guard,
      PCollectionView<?> after) {
    this.directory = directory;
    this.fileName = fileName;
    this.emptyMessage = emptyMessage;
    this.gathered = gathered;
    this.guard = guard;
    this.after = after;
  }

  /** Writes {@code fileName} in {@code directory}: {@code s3://bucket/prefix/} or a local path. */
  public static WriteJsonArrayFile to(String directory, String fileName) {
    return new WriteJsonArrayFile(directory, fileName, "no elements to write", false, null);
  }

  /** The reason given when there is nothing to write. */
  public WriteJsonArrayFile withEmptyMessage(String message) {
    return new WriteJsonArrayFile(directory, fileName, message, gathered, guard);
  }

  /**
   * With no elements, replaces the file with an empty array instead of failing (reports, dead
   * letters).
   */
  public WriteJsonArrayFile allowEmpty() {
    return new WriteJsonArrayFile(directory, fileName, null, gathered, guard);
  }

  /**
   * Gathers the elements into one group before writing, for inputs that arrive in many tiny bundles
   * (after a GroupByKey the DirectRunner makes a bundle per key, which would make a part per
   * element). Only for files small enough to group: reports and dead letters.
   */
  public WriteJsonArrayFile gatheredFirst() {
    return new WriteJsonArrayFile(directory, fileName, emptyMessage, true, guard);
  }

  /**
   * Checks the replacement with {@code guard} once the new row count is known, before publishing.
   */
  public WriteJsonArrayFile withPublishGuard(PublishGuard guard) {
    return new WriteJsonArrayFile(directory, fileName, emptyMessage, gathered, guard);
  }

  /**
   * Publishes only once {@code view} exists as well: the elements stream into their parts as they
   * come, and nothing is moved into place if the step that makes the view fails. Cheaper than
   * holding each element back on the view (one wait for the file, not one per element); a failed
   * run leaves its parts for the caller to remove ({@link StagingLeftovers#remove}).
   */
  public WriteJsonArrayFile publishedAfter(PCollectionView<?> view) {
    return new WriteJsonArrayFile(directory, fileName, emptyMessage, gathered, guard, view);
  }

  /**
   * The file, for values that a step of the caller's writes into staging parts itself ({@link
   * StagedJsonArrayFile}), published with this write's empty message and guard. Fixes the staging
   * area now: one per pipeline construction. A view to wait for goes to {@link
   * StagedJsonArrayFile#publishedAfter}.
   */
  public StagedJsonArrayFile staged() {
    if (after != null || gathered) {
      throw new IllegalStateException(
          fileName + ": a staged file is neither gathered nor given its view here");
    }
    return new StagedJsonArrayFile(
        StagingArea.forFile(directory, fileName, "application/json"), emptyMessage, guard);
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
        .apply(new PublishStagedParts(staging, FileLayout.JSON_ARRAY, emptyMessage, guard, after));
  }

  /**
   * Values that one worker produces in one go, such as the rows of one database cursor, for {@link
   * #streaming}: the write pulls them itself, so they never form a bundle of their own.
   */
  @FunctionalInterface
  public interface ValueSource extends Serializable {
    /**
     * Gives every value to {@code sink}, in order; a retried bundle calls it again from the start.
     */
    void writeTo(ValueSink sink) throws Exception;
  }

  /** Where a {@link ValueSource} puts its values: all as text, or all as UTF-8. */
  public interface ValueSink {
    void put(String value) throws IOException;

    /** One value's UTF-8 JSON text, {@code length} bytes from {@code offset}; copied at once. */
    void put(byte[] utf8, int offset, int length) throws IOException;
  }

  /**
   * Writes the values of {@code source} into the staging part in the step that produces them, then
   * publishes as {@link #expand} does. A runner that commits a step's output as one bundle (the
   * DirectRunner) would otherwise hold every value before the write starts.
   */
  public PTransform<PBegin, PCollection<KV<String, Long>>> streaming(ValueSource source) {
    return new Streamed(this, source);
  }

  static class Streamed extends PTransform<PBegin, PCollection<KV<String, Long>>> {
    private static final long serialVersionUID = 1L;
    private final WriteJsonArrayFile write;
    private final ValueSource source;

    Streamed(WriteJsonArrayFile write, ValueSource source) {
      this.write = write;
      this.source = source;
    }

    @Override
    public PCollection<KV<String, Long>> expand(PBegin begin) {
      StagingArea staging =
          StagingArea.forFile(write.directory, write.fileName, "application/json");
      return begin
          .apply("Start", Impulse.create())
          .apply(
              "Stream into a part",
              ParDo.of(new StreamPartFn(source, staging, FileLayout.JSON_ARRAY)))
          .setCoder(PublishStagedParts.PART_CODER)
          .apply(
              new PublishStagedParts(
                  staging, FileLayout.JSON_ARRAY, write.emptyMessage, write.guard));
    }
  }

  /**
   * Streams one bundle's elements into one staging part laid out whole: {@code [\n a,\n b\n]\n}.
   */
  static class WriteBundlePartFn extends DoFn<String, KV<String, Long>> {
    private static final long serialVersionUID = 1L;
    private final Counter written = Metrics.counter(WriteJsonArrayFile.class, "elements_written");
    private final StagingArea staging;
    private final FileLayout layout;

    private transient PartWriter part;

    WriteBundlePartFn(StagingArea staging, FileLayout layout) {
      this.staging = staging;
      this.layout = layout;
    }

    @StartBundle
    public void startBundle(StartBundleContext context) {
      part = new PartWriter(staging, layout, context.getPipelineOptions());
    }

    @ProcessElement
    public void processElement(@Element String value) throws IOException {
      part.write(value);
      written.inc();
    }

    @FinishBundle
    public void finishBundle(FinishBundleContext context) throws IOException {
      KV<String, Long> finished = part.finish();
      if (finished != null) {
        context.output(finished, GlobalWindow.INSTANCE.maxTimestamp(), GlobalWindow.INSTANCE);
      }
    }

    @Teardown
    public void teardown() throws IOException {
      if (part != null) {
        part.close();
      }
    }
  }

  /** Pulls a {@link ValueSource}'s values into one staging part. */
  static class StreamPartFn extends DoFn<byte[], KV<String, Long>> {
    private static final long serialVersionUID = 1L;
    private final Counter written = Metrics.counter(WriteJsonArrayFile.class, "elements_written");
    private final ValueSource source;
    private final StagingArea staging;
    private final FileLayout layout;

    StreamPartFn(ValueSource source, StagingArea staging, FileLayout layout) {
      this.source = source;
      this.staging = staging;
      this.layout = layout;
    }

    @ProcessElement
    public void processElement(OutputReceiver<KV<String, Long>> out, PipelineOptions options)
        throws Exception {
      try (PartWriter part = new PartWriter(staging, layout, options)) {
        source.writeTo(
            new ValueSink() {
              @Override
              public void put(String value) throws IOException {
                part.write(value);
                written.inc();
              }

              @Override
              public void put(byte[] utf8, int offset, int length) throws IOException {
                part.write(utf8, offset, length);
                written.inc();
              }
            });
        KV<String, Long> finished = part.finish();
        if (finished != null) {
          out.output(finished);
        }
      }
    }
  }
}
