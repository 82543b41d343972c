package gov.austintexas.atd.transforms.io;

import static java.nio.charset.StandardCharsets.UTF_8;

import gov.austintexas.atd.transforms.BadDataException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionView;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes staged parts ({@code KV(part path, record count)}) as the one target file, once every
 * part is written. A single part, the usual case, is renamed into place; several are first joined
 * in the order of their names into one staged file. With no records at all the target is left
 * untouched and the run fails with {@link BadDataException}, or, when no {@code emptyMessage} is
 * given, becomes an empty file of its layout. A {@link PublishGuard}, when given, is checked with
 * the record count before anything is moved. Every part of the run is deleted either way.
 *
 * <p>Output: one {@code KV(target path, record count)} once the file is in place.
 */
final class PublishStagedParts
    extends PTransform<PCollection<KV<String, Long>>, PCollection<KV<String, Long>>> {
  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(PublishStagedParts.class);
  static final KvCoder<String, Long> PART_CODER =
      KvCoder.of(StringUtf8Coder.of(), VarLongCoder.of());

  private final StagingArea staging;
  private final FileLayout layout;
  private final String emptyMessage;
  private final PublishGuard guard; // null: none
  private final transient PCollectionView<?> after; // null: publish once the parts are written

  PublishStagedParts(
      StagingArea staging, FileLayout layout, String emptyMessage, PublishGuard guard) {
    this(staging, layout, emptyMessage, guard, null);
  }

  /** Publishes only once {@code after} exists too (a run that fails first publishes nothing). */
  PublishStagedParts(
      StagingArea staging,
      FileLayout layout,
      String emptyMessage,
      PublishGuard guard,
      PCollectionView<?> after) {
    this.staging = staging;
    this.layout = layout;
    this.emptyMessage = emptyMessage;
    this.guard = guard;
    this.after = after;
  }

  @Override
  public PCollection<KV<String, Long>> expand(PCollection<KV<String, Long>> parts) {
    // One list of every part, once they are all written; an empty list when there are none.
    PCollection<List<KV<String, Long>>> all =
        parts.apply("Collect parts", Combine.globally(new ToListFn<>(PART_CODER)));
    if (after != null) {
      all =
          all.apply(
                  "Wait", ParDo.of(new WaitFn<List<KV<String, Long>>>(after)).withSideInputs(after))
              .setCoder(all.getCoder());
    }
    return all.apply("Publish", ParDo.of(new PublishFn(staging, layout, emptyMessage, guard)))
        .setCoder(PART_CODER);
  }

  /** Passes its element on once the view is ready: reading the view is what holds it back. */
  static class WaitFn<T> extends DoFn<T, T> {
    private static final long serialVersionUID = 1L;
    private final PCollectionView<?> view;

    WaitFn(PCollectionView<?> view) {
      this.view = view;
    }

    @ProcessElement
    public void processElement(ProcessContext context) {
      context.sideInput(view);
      context.output(context.element());
    }
  }

  static class PublishFn extends DoFn<List<KV<String, Long>>, KV<String, Long>> {
    private static final long serialVersionUID = 1L;
    private final StagingArea staging;
    private final FileLayout layout;
    private final String emptyMessage;
    private final PublishGuard guard;

    PublishFn(StagingArea staging, FileLayout layout, String emptyMessage, PublishGuard guard) {
      this.staging = staging;
      this.layout = layout;
      this.emptyMessage = emptyMessage;
      this.guard = guard;
    }

    @ProcessElement
    public void processElement(
        @Element List<KV<String, Long>> parts, OutputReceiver<KV<String, Long>> out)
        throws IOException {
      ResourceId target = staging.target();
      long total = parts.stream().mapToLong(KV::getValue).sum();
      try {
        if (total == 0 && emptyMessage != null) {
          throw new BadDataException(
              staging.fileName() + ": " + emptyMessage + "; " + target + " was left as it was");
        }
        if (guard != null) {
          guard.check(target, total);
        }
        List<KV<String, Long>> ordered = new ArrayList<>(parts);
        ordered.sort(Comparator.comparing(KV::getKey));
        ResourceId ready = ordered.size() == 1 ? resource(ordered.get(0).getKey()) : join(ordered);
        FileSystems.rename(List.of(ready), List.of(target));
      } finally {
        deletePartsOrWarn();
      }
      out.output(KV.of(target.toString(), total));
    }

    /** A part left behind costs only space; it must not replace the run's real outcome. */
    private void deletePartsOrWarn() {
      try {
        staging.deleteParts();
      } catch (IOException | RuntimeException e) {
        LOG.warn(
            "{}: could not delete the staging parts beside {}: {}",
            staging.fileName(),
            staging.target(),
            e.toString());
      }
    }

    /** Each part is laid out whole, so the joined file keeps one open, the bodies and one close. */
    private ResourceId join(List<KV<String, Long>> parts) throws IOException {
      ResourceId joined = staging.part("joined");
      byte[] open = layout.open().getBytes(UTF_8);
      byte[] close = layout.close().getBytes(UTF_8);
      try (WritableByteChannel out = createForJoin(joined)) {
        if (parts.isEmpty()) {
          writeFully(out, layout.empty().getBytes(UTF_8));
          return joined;
        }
        writeFully(out, open);
        boolean first = true;
        for (KV<String, Long> entry : parts) {
          ResourceId part = resource(entry.getKey());
          long body =
              FileSystems.matchSingleFileSpec(part.toString()).sizeBytes()
                  - open.length
                  - close.length;
          if (body <= 0) {
            continue;
          }
          if (!first) {
            writeFully(out, layout.separator().getBytes(UTF_8));
          }
          first = false;
          try (ReadableByteChannel in = FileSystems.open(part)) {
            copy(in, open.length, body, out);
          }
        }
        writeFully(out, close);
      }
      return joined;
    }

    /**
     * On a local disk the joined file is a plain file channel, so that parts are copied within the
     * kernel ({@link FileChannel#transferTo}): gigabytes of parts join in seconds. Elsewhere (S3)
     * it is the file system's own channel.
     */
    private WritableByteChannel createForJoin(ResourceId joined) throws IOException {
      if ("file".equals(joined.getScheme())) {
        Path path = Paths.get(joined.toString());
        Files.createDirectories(path.getParent()); // as the file system's create does
        return FileChannel.open(
            path,
            StandardOpenOption.CREATE,
            StandardOpenOption.TRUNCATE_EXISTING,
            StandardOpenOption.WRITE);
      }
      return staging.create(joined);
    }

    /** {@code length} bytes of {@code in}, from {@code offset}, onto the end of {@code out}. */
    private static void copy(
        ReadableByteChannel in, long offset, long length, WritableByteChannel out)
        throws IOException {
      if (in instanceof FileChannel file && out instanceof FileChannel) {
        for (long done = 0; done < length; ) {
          long moved = file.transferTo(offset + done, length - done, out);
          if (moved <= 0) {
            throw new IOException("staging part ended " + (length - done) + " bytes early");
          }
          done += moved;
        }
        return;
      }
      InputStream stream = Channels.newInputStream(in);
      stream.skipNBytes(offset);
      OutputStream sink = Channels.newOutputStream(out);
      byte[] buffer = new byte[1 << 16];
      long left = length;
      while (left > 0) {
        int read = stream.read(buffer, 0, (int) Math.min(buffer.length, left));
        if (read < 0) {
          throw new IOException("staging part ended " + left + " bytes early");
        }
        sink.write(buffer, 0, read);
        left -= read;
      }
    }

    private static void writeFully(WritableByteChannel out, byte[] bytes) throws IOException {
      ByteBuffer buffer = ByteBuffer.wrap(bytes);
      while (buffer.hasRemaining()) {
        out.write(buffer);
      }
    }

    private static ResourceId resource(String path) {
      return FileSystems.matchNewResource(path, false);
    }
  }
}
