package gov.austintexas.atd.transforms.io;

import static java.nio.charset.StandardCharsets.UTF_8;

import gov.austintexas.atd.transforms.BadDataException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.channels.Channels;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CoderRegistry;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.ListCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.io.fs.MoveOptions.StandardMoveOptions;
import org.apache.beam.sdk.io.fs.ResolveOptions.StandardResolveOptions;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.Values;
import org.apache.beam.sdk.transforms.WithKeys;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.windowing.GlobalWindow;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;

/**
 * Writes JSON values (one serialized object or value per element) as a single JSON array file,
 * replacing the file whole: readers see the old file or the new one, never a partial one.
 *
 * <p>Each bundle streams its elements into a staging part next to the target, so no step holds
 * all rows at once and no shuffle is needed. Once every part is written, one publish step moves
 * the part into place (a single part, the usual case, is a rename: an atomic move on a local disk
 * and a server-side copy on S3) or concatenates several parts into one staged file first. With no
 * elements at all the target is left untouched and the run fails with {@link BadDataException},
 * unless {@link #allowEmpty()} asks for an empty array.
 *
 * <p>Output: one {@code KV(target path, element count)} once the file is in place.
 */
public class WriteJsonArrayFile extends PTransform<PCollection<String>, PCollection<KV<String, Long>>> {
  private static final long serialVersionUID = 1L;

  private static final String OPEN = "[\n";
  private static final String SEPARATOR = ",\n";
  private static final String CLOSE = "\n]\n";

  private final String directory;
  private final String fileName;
  private final String emptyMessage; // null: an empty input writes an empty array
  private final boolean regroup;

  private WriteJsonArrayFile(String directory, String fileName, String emptyMessage, boolean regroup) {
    this.directory = directory;
    this.fileName = fileName;
    this.emptyMessage = emptyMessage;
    this.regroup = regroup;
  }

  /** Writes {@code fileName} in {@code directory}: {@code s3://bucket/prefix/} or a local path. */
  public static WriteJsonArrayFile to(String directory, String fileName) {
    return new WriteJsonArrayFile(directory, fileName, "no elements to write", false);
  }

  /** The reason given when there is nothing to write. */
  public WriteJsonArrayFile withEmptyMessage(String message) {
    return new WriteJsonArrayFile(directory, fileName, message, regroup);
  }

  /** With no elements, replaces the file with an empty array instead of failing (reports, dead letters). */
  public WriteJsonArrayFile allowEmpty() {
    return new WriteJsonArrayFile(directory, fileName, null, regroup);
  }

  /**
   * Gathers the elements into one group before writing, for inputs that arrive in many tiny
   * bundles (after a GroupByKey the DirectRunner makes a bundle per key, which would make a part
   * per element). Only for files small enough to group: reports and dead letters.
   */
  public WriteJsonArrayFile gatheredFirst() {
    return new WriteJsonArrayFile(directory, fileName, emptyMessage, true);
  }

  @Override
  public PCollection<KV<String, Long>> expand(PCollection<String> values) {
    // One token per pipeline construction keeps concurrent runs' parts apart.
    String partPrefix = "." + fileName + ".staging-" + UUID.randomUUID() + "-";
    KvCoder<String, Long> partCoder = KvCoder.of(StringUtf8Coder.of(), VarLongCoder.of());
    if (regroup) {
      values =
          values
              .apply("Gather", WithKeys.of(fileName))
              .setCoder(KvCoder.of(StringUtf8Coder.of(), values.getCoder()))
              .apply("Group", GroupByKey.create())
              .apply("Ungroup", Values.create())
              .apply("Elements", Flatten.iterables());
    }
    return values
        .apply("Write parts", ParDo.of(new WritePartFn(directory, partPrefix)))
        .setCoder(partCoder)
        // One list of every part, once they are all written; an empty list when there are none.
        .apply("Collect parts", Combine.globally(new ToListFn<>(partCoder)))
        .apply("Publish", ParDo.of(new PublishFn(directory, fileName, partPrefix, emptyMessage)))
        .setCoder(partCoder);
  }

  static ResourceId directoryOf(String directory) {
    return FileSystems.matchNewResource(directory, true);
  }

  /** Streams one bundle's elements into one staging part: {@code [\n a,\n b\n]\n}. */
  static class WritePartFn extends DoFn<String, KV<String, Long>> {
    private static final long serialVersionUID = 1L;
    private final Counter written = Metrics.counter(WriteJsonArrayFile.class, "elements_written");
    private final String directory;
    private final String partPrefix;

    private transient ResourceId part;
    private transient Writer writer;
    private transient long count;

    WritePartFn(String directory, String partPrefix) {
      this.directory = directory;
      this.partPrefix = partPrefix;
    }

    @StartBundle
    public void startBundle() {
      part = null;
      writer = null;
      count = 0;
    }

    @ProcessElement
    public void processElement(@Element String json) throws IOException {
      if (writer == null) {
        part =
            directoryOf(directory)
                .resolve(partPrefix + UUID.randomUUID() + ".json", StandardResolveOptions.RESOLVE_FILE);
        writer =
            Channels.newWriter(FileSystems.create(part, "application/json"), UTF_8.newEncoder(), 1 << 16);
        writer.write(OPEN);
      } else {
        writer.write(SEPARATOR);
      }
      writer.write(json);
      count++;
      written.inc();
    }

    @FinishBundle
    public void finishBundle(FinishBundleContext context) throws IOException {
      if (writer == null) {
        return;
      }
      writer.write(CLOSE);
      writer.close();
      writer = null;
      context.output(
          KV.of(part.toString(), count), GlobalWindow.INSTANCE.maxTimestamp(), GlobalWindow.INSTANCE);
    }

    @Teardown
    public void teardown() throws IOException {
      // A failed bundle leaves its part open; the publish step deletes every part of this run.
      if (writer != null) {
        writer.close();
      }
    }
  }

  /** Moves the written parts into place as the one target file, or fails when there are none. */
  static class PublishFn extends DoFn<List<KV<String, Long>>, KV<String, Long>> {
    private static final long serialVersionUID = 1L;
    private final String directory;
    private final String fileName;
    private final String partPrefix;
    private final String emptyMessage;

    PublishFn(String directory, String fileName, String partPrefix, String emptyMessage) {
      this.directory = directory;
      this.fileName = fileName;
      this.partPrefix = partPrefix;
      this.emptyMessage = emptyMessage;
    }

    @ProcessElement
    public void processElement(@Element List<KV<String, Long>> parts, OutputReceiver<KV<String, Long>> out)
        throws IOException {
      ResourceId target = directoryOf(directory).resolve(fileName, StandardResolveOptions.RESOLVE_FILE);
      long total = parts.stream().mapToLong(KV::getValue).sum();
      try {
        if (total == 0 && emptyMessage != null) {
          throw new BadDataException(fileName + ": " + emptyMessage + "; " + target + " was left as it was");
        }
        ResourceId ready = parts.size() == 1 ? resource(parts.get(0).getKey()) : concatenate(parts);
        FileSystems.rename(List.of(ready), List.of(target));
      } finally {
        deleteParts();
      }
      out.output(KV.of(target.toString(), total));
    }

    /** Several (or no) parts become one staged array; each part is a whole array, so trim its brackets. */
    private ResourceId concatenate(List<KV<String, Long>> parts) throws IOException {
      ResourceId joined =
          directoryOf(directory)
              .resolve(partPrefix + "joined.json", StandardResolveOptions.RESOLVE_FILE);
      try (OutputStream out = Channels.newOutputStream(FileSystems.create(joined, "application/json"))) {
        if (parts.isEmpty()) {
          out.write("[]\n".getBytes(UTF_8));
          return joined;
        }
        out.write(OPEN.getBytes(UTF_8));
        for (int i = 0; i < parts.size(); i++) {
          if (i > 0) {
            out.write(SEPARATOR.getBytes(UTF_8));
          }
          ResourceId part = resource(parts.get(i).getKey());
          long size = FileSystems.matchSingleFileSpec(part.toString()).sizeBytes();
          try (InputStream in = Channels.newInputStream(FileSystems.open(part))) {
            in.skipNBytes(OPEN.length());
            copy(in, out, size - OPEN.length() - CLOSE.length());
          }
        }
        out.write(CLOSE.getBytes(UTF_8));
      }
      return joined;
    }

    private static void copy(InputStream in, OutputStream out, long length) throws IOException {
      byte[] buffer = new byte[1 << 16];
      long left = length;
      while (left > 0) {
        int read = in.read(buffer, 0, (int) Math.min(buffer.length, left));
        if (read < 0) {
          throw new IOException("staging part ended " + left + " bytes early");
        }
        out.write(buffer, 0, read);
        left -= read;
      }
    }

    /** Deletes this run's parts, including those of bundles that failed and were retried. */
    private void deleteParts() throws IOException {
      String pattern = directoryOf(directory).resolve(partPrefix + "*", StandardResolveOptions.RESOLVE_FILE).toString();
      MatchResult match = FileSystems.match(pattern);
      if (match.status() != MatchResult.Status.OK) {
        return;
      }
      List<ResourceId> leftovers = new ArrayList<>();
      for (MatchResult.Metadata metadata : match.metadata()) {
        leftovers.add(metadata.resourceId());
      }
      FileSystems.delete(leftovers, StandardMoveOptions.IGNORE_MISSING_FILES);
    }

    private static ResourceId resource(String path) {
      return FileSystems.matchNewResource(path, false);
    }
  }

  /** Collects a few small elements (the part list) into one list. */
  static class ToListFn<T> extends Combine.CombineFn<T, List<T>, List<T>> {
    private static final long serialVersionUID = 1L;
    private final Coder<T> elementCoder;

    ToListFn(Coder<T> elementCoder) {
      this.elementCoder = elementCoder;
    }

    @Override
    public List<T> createAccumulator() {
      return new ArrayList<>();
    }

    @Override
    public List<T> addInput(List<T> accumulator, T input) {
      accumulator.add(input);
      return accumulator;
    }

    @Override
    public List<T> mergeAccumulators(Iterable<List<T>> accumulators) {
      List<T> merged = new ArrayList<>();
      accumulators.forEach(merged::addAll);
      return merged;
    }

    @Override
    public List<T> extractOutput(List<T> accumulator) {
      return accumulator;
    }

    @Override
    public Coder<List<T>> getAccumulatorCoder(CoderRegistry registry, Coder<T> inputCoder) {
      return ListCoder.of(elementCoder);
    }

    @Override
    public Coder<List<T>> getDefaultOutputCoder(CoderRegistry registry, Coder<T> inputCoder) {
      return ListCoder.of(elementCoder);
    }
  }
}
