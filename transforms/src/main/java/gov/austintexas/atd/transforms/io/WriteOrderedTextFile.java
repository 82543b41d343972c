package gov.austintexas.atd.transforms.io;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.Writer;
import java.nio.channels.Channels;
import java.nio.channels.WritableByteChannel;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;

/**
 * Writes {@link TextChunk}s as one text file in chunk position order, replacing the file whole:
 * readers see the old file or the new one, never a partial one.
 *
 * <p>Each chunk is staged as a part of its own, named after its position, on whichever worker has
 * it; {@link PublishStagedParts} joins the parts in position order and moves the result into place
 * in one step. So chunks may be made in parallel and no step holds the whole file. A run whose
 * chunks hold no records (a CSV with a header only) leaves the target untouched and fails with
 * {@code BadDataException}.
 *
 * <p>Output: one {@code KV(target path, record count)} once the file is in place.
 */
public class WriteOrderedTextFile
    extends PTransform<PCollection<TextChunk>, PCollection<KV<String, Long>>> {
  private static final long serialVersionUID = 1L;

  private final String directory;
  private final String fileName;
  private final String mimeType;
  private final String emptyMessage;

  private WriteOrderedTextFile(
      String directory, String fileName, String mimeType, String emptyMessage) {
    this.directory = directory;
    this.fileName = fileName;
    this.mimeType = mimeType;
    this.emptyMessage = emptyMessage;
  }

  /** Writes {@code fileName} in {@code directory}: {@code s3://bucket/prefix/} or a local path. */
  public static WriteOrderedTextFile to(String directory, String fileName) {
    return new WriteOrderedTextFile(directory, fileName, "text/plain", "no records to write");
  }

  public WriteOrderedTextFile withMimeType(String value) {
    return new WriteOrderedTextFile(directory, fileName, value, emptyMessage);
  }

  /** The reason given when there is nothing to write. */
  public WriteOrderedTextFile withEmptyMessage(String message) {
    return new WriteOrderedTextFile(directory, fileName, mimeType, message);
  }

  @Override
  public PCollection<KV<String, Long>> expand(PCollection<TextChunk> chunks) {
    StagingArea staging = StagingArea.forFile(directory, fileName, mimeType);
    return chunks
        .apply("Write parts", ParDo.of(new WriteChunkPartFn(staging)))
        .setCoder(PublishStagedParts.PART_CODER)
        .apply(new PublishStagedParts(staging, FileLayout.CONCATENATED, emptyMessage, null));
  }

  static class WriteChunkPartFn extends DoFn<TextChunk, KV<String, Long>> {
    private static final long serialVersionUID = 1L;
    private final Counter written = Metrics.counter(WriteOrderedTextFile.class, "records_written");
    private final StagingArea staging;

    WriteChunkPartFn(StagingArea staging) {
      this.staging = staging;
    }

    @ProcessElement
    public void processElement(
        @Element TextChunk chunk, OutputReceiver<KV<String, Long>> out, PipelineOptions options)
        throws IOException {
      if (chunk.position() < 0) {
        throw new IllegalArgumentException("chunk positions start at 0, not " + chunk.position());
      }
      // Zero-padded, so that name order is position order.
      ResourceId part = staging.part(String.format("chunk-%019d", chunk.position()));
      WritableByteChannel channel = staging.create(part);
      Writer writer = Channels.newWriter(channel, UTF_8.newEncoder(), 1 << 16);
      try {
        writer.write(chunk.text());
      } catch (IOException | RuntimeException e) {
        // Closing would complete a partial part on S3.
        staging.discard(part, channel, options);
        throw e;
      }
      writer.close();
      written.inc(chunk.records());
      out.output(KV.of(part.toString(), chunk.records()));
    }
  }
}
