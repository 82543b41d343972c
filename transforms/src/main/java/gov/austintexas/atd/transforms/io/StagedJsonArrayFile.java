package gov.austintexas.atd.transforms.io;

import java.io.IOException;
import java.io.Serializable;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionView;

/**
 * A {@link WriteJsonArrayFile} whose values a step of the caller's writes into staging parts itself
 * ({@link WriteJsonArrayFile#staged()}): for a step that makes far more values than it takes in (a
 * bucket of series filled to every date), where each value as an element would be held by the
 * runner, since the DirectRunner commits a step's whole output as one bundle. The step opens a
 * {@link Part} per element or bundle, outputs what {@link Part#finish()} names, and those {@code
 * KV(part path, values)} go to {@link #publish()}, which replaces the file whole as {@link
 * WriteJsonArrayFile} does.
 *
 * <p>The staging area is fixed when this is made, so the writing step and the publishing step agree
 * on it; make one per pipeline construction.
 */
public final class StagedJsonArrayFile implements Serializable {
  private static final long serialVersionUID = 1L;
  private final StagingArea staging;
  private final String emptyMessage; // null: no values write an empty array
  private final PublishGuard guard; // null: none

  StagedJsonArrayFile(StagingArea staging, String emptyMessage, PublishGuard guard) {
    this.staging = staging;
    this.emptyMessage = emptyMessage;
    this.guard = guard;
  }

  /** The file's name, for step names and messages. */
  public String fileName() {
    return staging.fileName();
  }

  /** A new part, created with its first value, so a part given nothing leaves nothing. */
  public Part openPart(PipelineOptions options) {
    return new Part(new PartWriter(staging, FileLayout.JSON_ARRAY, options));
  }

  /** Publishes the parts once every one is written. */
  public PTransform<PCollection<KV<String, Long>>, PCollection<KV<String, Long>>> publish() {
    return new PublishStagedParts(staging, FileLayout.JSON_ARRAY, emptyMessage, guard);
  }

  /**
   * Publishes the parts once every one is written and {@code view} exists: nothing is moved into
   * place if the step that makes the view fails (the caller then removes the parts, {@link
   * StagingLeftovers#remove}).
   */
  public PTransform<PCollection<KV<String, Long>>, PCollection<KV<String, Long>>> publishedAfter(
      PCollectionView<?> view) {
    return new PublishStagedParts(staging, FileLayout.JSON_ARRAY, emptyMessage, guard, view);
  }

  /**
   * One staging part being written: {@link #finish()} it when the step's values are all in, and
   * {@link #close()} it always; closing an unfinished part discards it, so a failed bundle leaves
   * no part that a publish would take.
   */
  public static final class Part implements WriteJsonArrayFile.ValueSink, AutoCloseable {
    private final PartWriter writer;

    private Part(PartWriter writer) {
      this.writer = writer;
    }

    @Override
    public void put(String value) throws IOException {
      writer.write(value);
    }

    @Override
    public void put(byte[] utf8, int offset, int length) throws IOException {
      writer.write(utf8, offset, length);
    }

    /** Completes the part: {@code KV(part path, values)} for {@link #publish()}; null if empty. */
    public KV<String, Long> finish() throws IOException {
      return writer.finish();
    }

    @Override
    public void close() throws IOException {
      writer.close();
    }
  }
}
