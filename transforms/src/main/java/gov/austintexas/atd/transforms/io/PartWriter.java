package gov.austintexas.atd.transforms.io;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.Writer;
import java.nio.channels.Channels;
import java.nio.channels.WritableByteChannel;
import java.util.UUID;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.values.KV;

/**
 * One staging part being written, laid out whole ({@code open}, values with separators, {@code
 * close}). The part is created with the first value, so writing nothing leaves no part.
 */
final class PartWriter implements AutoCloseable {
  private final StagingArea staging;
  private final FileLayout layout;
  private final PipelineOptions options;
  private ResourceId part;
  private WritableByteChannel channel;
  private Writer writer;
  private long count;

  /** {@code options}: for aborting an unfinished part's S3 upload. */
  PartWriter(StagingArea staging, FileLayout layout, PipelineOptions options) {
    this.staging = staging;
    this.layout = layout;
    this.options = options;
  }

  void write(String value) throws IOException {
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
  }

  /**
   * Closes the part and names it with its count, {@code KV(part path, values)}; null when nothing
   * was written.
   */
  KV<String, Long> finish() throws IOException {
    if (writer == null) {
      return null;
    }
    writer.write(layout.close());
    writer.close();
    writer = null;
    return KV.of(part.toString(), count);
  }

  /**
   * Discards a part left unfinished (a failed bundle): closing it would complete a partial part on
   * S3, so its upload is aborted instead ({@link StagingArea#discard}).
   */
  @Override
  public void close() throws IOException {
    if (writer != null) {
      writer = null;
      staging.discard(part, channel, options);
    }
  }
}
