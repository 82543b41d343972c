package gov.austintexas.atd.transforms.io;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.channels.Channels;
import java.nio.channels.WritableByteChannel;
import java.util.UUID;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.values.KV;

/**
 * One staging part being written, laid out whole ({@code open}, values with separators, {@code
 * close}). The part is created with the first value, so writing nothing leaves no part. A part's
 * values come either all as text or all as UTF-8 bytes.
 */
final class PartWriter implements AutoCloseable {
  private final StagingArea staging;
  private final FileLayout layout;
  private final PipelineOptions options;
  private ResourceId part;
  private WritableByteChannel channel;
  private Writer writer; // text values
  private OutputStream bytes; // UTF-8 values
  private long count;
  private byte[] separator;

  /** {@code options}: for aborting an unfinished part's S3 upload. */
  PartWriter(StagingArea staging, FileLayout layout, PipelineOptions options) {
    this.staging = staging;
    this.layout = layout;
    this.options = options;
  }

  void write(String value) throws IOException {
    if (bytes != null) {
      throw new IllegalStateException("a part of UTF-8 values given text");
    }
    if (writer == null) {
      writer = Channels.newWriter(create(), UTF_8.newEncoder(), 1 << 16);
      writer.write(layout.open());
    } else {
      writer.write(layout.separator());
    }
    writer.write(value);
    count++;
  }

  /** One value already encoded as UTF-8: no string or encoder per value. */
  void write(byte[] utf8, int offset, int length) throws IOException {
    if (writer != null) {
      throw new IllegalStateException("a part of text values given UTF-8");
    }
    if (bytes == null) {
      bytes = new BufferedOutputStream(Channels.newOutputStream(create()), 1 << 16);
      bytes.write(layout.open().getBytes(UTF_8));
      separator = layout.separator().getBytes(UTF_8);
    } else {
      bytes.write(separator);
    }
    bytes.write(utf8, offset, length);
    count++;
  }

  private WritableByteChannel create() throws IOException {
    part = staging.part("bundle-" + UUID.randomUUID());
    channel = staging.create(part);
    return channel;
  }

  /**
   * Closes the part and names it with its count, {@code KV(part path, values)}; null when nothing
   * was written.
   */
  KV<String, Long> finish() throws IOException {
    if (writer != null) {
      writer.write(layout.close());
      writer.close();
      writer = null;
    } else if (bytes != null) {
      bytes.write(layout.close().getBytes(UTF_8));
      bytes.close();
      bytes = null;
    } else {
      return null;
    }
    return KV.of(part.toString(), count);
  }

  /**
   * Discards a part left unfinished (a failed bundle): closing it would complete a partial part on
   * S3, so its upload is aborted instead ({@link StagingArea#discard}).
   */
  @Override
  public void close() throws IOException {
    if (writer != null || bytes != null) {
      writer = null;
      bytes = null;
      staging.discard(part, channel, options);
    }
  }
}
