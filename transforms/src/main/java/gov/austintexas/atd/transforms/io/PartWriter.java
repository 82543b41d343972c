package gov.austintexas.atd.transforms.io;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.Writer;
import java.nio.channels.Channels;
import java.util.UUID;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.apache.beam.sdk.values.KV;

/**
 * One staging part being written, laid out whole ({@code open}, values with separators, {@code
 * close}). The part is created with the first value, so writing nothing leaves no part.
 */
final class PartWriter implements AutoCloseable {
  private final StagingArea staging;
  private final FileLayout layout;
  private ResourceId part;
  private Writer writer;
  private long count;

  PartWriter(StagingArea staging, FileLayout layout) {
    this.staging = staging;
    this.layout = layout;
  }

  void write(String value) throws IOException {
    if (writer == null) {
      part = staging.part("bundle-" + UUID.randomUUID());
      writer = Channels.newWriter(staging.create(part), UTF_8.newEncoder(), 1 << 16);
      writer.write(layout.open());
    } else {
      writer.write(layout.separator());
    }
    writer.write(value);
    count++;
  }

  /** Closes the part and names it with its count, {@code KV(part path, values)}; null when nothing was written. */
  KV<String, Long> finish() throws IOException {
    if (writer == null) {
      return null;
    }
    writer.write(layout.close());
    writer.close();
    writer = null;
    return KV.of(part.toString(), count);
  }

  /** A part left unfinished (a failed bundle) is closed here; the publish step deletes every part of the run. */
  @Override
  public void close() throws IOException {
    if (writer != null) {
      writer.close();
      writer = null;
    }
  }
}
