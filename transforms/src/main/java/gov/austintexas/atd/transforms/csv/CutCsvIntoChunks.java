package gov.austintexas.atd.transforms.csv;

import gov.austintexas.atd.transforms.failure.Failure;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;
import org.apache.commons.csv.CSVParser;

/**
 * Reads each CSV file's header and cuts the rest into {@link CsvChunk}s of about {@code
 * chunkBytes}, at record boundaries found without decoding (quote-aware), so that the chunks can be
 * parsed apart, in parallel, each holding few records.
 *
 * <p>Every chunk of a file comes from one version of it, so a source edited while it is loaded
 * gives one version or the other, never a mix: an URL is downloaded once (within the time limit) to
 * a local spool, cut there, and each chunk carries its own bytes (sheets are small); an S3 object
 * is cut and its chunks read at the ETag it had when the cut began, so that a large file still
 * streams chunk by chunk.
 *
 * <p>Outputs {@link #CHUNKS} and {@link #INVALID}: an empty file, a named column missing from the
 * header, a file with a header but no rows, or a file that cannot be read.
 */
public class CutCsvIntoChunks extends PTransform<PCollection<String>, PCollectionTuple> {
  private static final long serialVersionUID = 1L;
  public static final TupleTag<CsvChunk> CHUNKS = new TupleTag<>() {};
  public static final TupleTag<Failure> INVALID = new TupleTag<>() {};
  private static final int MAX_HEADER_BYTES = 1 << 20;

  private final List<String> columns;
  private final Duration timeout;
  private final long chunkBytes;

  private CutCsvIntoChunks(List<String> columns, Duration timeout, long chunkBytes) {
    this.columns = List.copyOf(columns);
    this.timeout = timeout;
    this.chunkBytes = chunkBytes;
  }

  /** Chunks whose records keep these CSV columns, in this order. */
  public static CutCsvIntoChunks keeping(List<String> columns) {
    return new CutCsvIntoChunks(columns, Duration.ofSeconds(60), 4L << 20);
  }

  /** The time limit for downloading an URL source whole. */
  public CutCsvIntoChunks withTimeout(Duration value) {
    return new CutCsvIntoChunks(columns, value, chunkBytes);
  }

  /** About how many bytes each chunk has (it ends at the first record boundary after that). */
  public CutCsvIntoChunks withChunkBytes(long value) {
    return new CutCsvIntoChunks(columns, timeout, value);
  }

  @Override
  public PCollectionTuple expand(PCollection<String> locations) {
    return locations.apply(
        "Cut into chunks",
        ParDo.of(new SplitFn(columns, timeout, chunkBytes))
            .withOutputTags(CHUNKS, TupleTagList.of(INVALID)));
  }

  /** Reads the header, then cuts the rest of the file into chunks at record boundaries. */
  static class SplitFn extends DoFn<String, CsvChunk> {
    private static final long serialVersionUID = 1L;
    private final List<String> columns;
    private final Duration timeout;
    private final long chunkBytes;
    private transient CsvSourceOpener opener;
    private transient SourceBytes sources;

    SplitFn(List<String> columns, Duration timeout, long chunkBytes) {
      this.columns = columns;
      this.timeout = timeout;
      this.chunkBytes = chunkBytes;
    }

    @Setup
    public void setup() {
      opener = new CsvSourceOpener(timeout);
    }

    @ProcessElement
    public void processElement(
        @Element String location, MultiOutputReceiver out, PipelineOptions options) {
      try {
        if (location.startsWith("https://") || location.startsWith("http://")) {
          Path spool = opener.spool(location);
          try (InputStream in = new BufferedInputStream(Files.newInputStream(spool), 1 << 16);
              FileChannel bytes = FileChannel.open(spool)) {
            cut(
                location,
                in,
                out,
                (start, end, line, fields, positions) ->
                    new CsvChunk(
                        location,
                        start,
                        end,
                        line,
                        fields,
                        positions,
                        read(bytes, start, end),
                        null));
          } finally {
            Files.deleteIfExists(spool);
          }
        } else {
          if (sources == null) {
            sources = new SourceBytes(options);
          }
          String version = sources.version(location);
          try (InputStream in =
              new BufferedInputStream(sources.open(location, version, 0, -1), 1 << 16)) {
            cut(
                location,
                in,
                out,
                (start, end, line, fields, positions) ->
                    new CsvChunk(location, start, end, line, fields, positions, null, version));
          }
        }
      } catch (IOException | UncheckedIOException e) {
        unreadable(out, location, 0, e);
      }
    }

    /** Reports a read that failed at {@code line} (0: the file as a whole) as invalid. */
    private static void unreadable(
        MultiOutputReceiver out, String location, long line, Exception failure) {
      IOException cause =
          failure instanceof UncheckedIOException unchecked
              ? unchecked.getCause()
              : (IOException) failure;
      out.get(INVALID).output(CsvChunkReader.problem(location, line, cause));
    }

    /** Makes the chunk {@code [start, end)} of the file being cut. */
    private interface ChunkMaker {
      CsvChunk make(long start, long end, long firstLine, int headerSize, List<Integer> positions)
          throws IOException;
    }

    private void cut(String location, InputStream in, MultiOutputReceiver out, ChunkMaker chunks)
        throws IOException {
      RecordBoundaryScanner scanner = new RecordBoundaryScanner(in);
      HeaderBytes headerBytes = new HeaderBytes();
      if (!scanner.next(headerBytes)) {
        out.get(INVALID)
            .output(Failure.row(location, 1, "the file is empty: it has no header row"));
        return;
      }
      if (headerBytes.overflowed) {
        out.get(INVALID)
            .output(
                Failure.row(
                    location, 1, "the header row is longer than 1 MiB: this is not a CSV header"));
        return;
      }
      List<String> header;
      try {
        header = header(headerBytes.toByteArray());
      } catch (IOException | UncheckedIOException e) {
        unreadable(out, location, 1, e);
        return;
      }
      List<Integer> positions = positions(location, header, out);
      if (positions == null) {
        return;
      }
      long chunkStart = scanner.recordEnd();
      long chunkLine = -1;
      long rows = 0;
      while (scanner.next(null)) {
        if (chunkLine < 0) {
          chunkLine = scanner.recordLine();
        }
        if (!scanner.blank()) {
          rows++;
        }
        if (scanner.recordEnd() - chunkStart >= chunkBytes) {
          out.get(CHUNKS)
              .output(
                  chunks.make(
                      chunkStart, scanner.recordEnd(), chunkLine, header.size(), positions));
          chunkStart = scanner.recordEnd();
          chunkLine = -1;
        }
      }
      if (chunkLine >= 0) {
        out.get(CHUNKS)
            .output(
                chunks.make(chunkStart, scanner.recordEnd(), chunkLine, header.size(), positions));
      }
      if (rows == 0) {
        out.get(INVALID).output(Failure.row(location, 1, "the file has a header but no rows"));
      }
    }

    /** The bytes {@code [start, end)} of the spooled copy. */
    private static byte[] read(FileChannel spool, long start, long end) throws IOException {
      ByteBuffer buffer = ByteBuffer.allocate(Math.toIntExact(end - start));
      while (buffer.hasRemaining()) {
        if (spool.read(buffer, start + buffer.position()) < 0) {
          throw new IOException("the spooled copy ended before byte " + end);
        }
      }
      return buffer.array();
    }

    /**
     * The header's bytes, up to a limit: an unclosed quote must not pull a whole file into memory.
     */
    private static final class HeaderBytes extends ByteArrayOutputStream {
      boolean overflowed;

      @Override
      public synchronized void write(int b) {
        if (size() < MAX_HEADER_BYTES) {
          super.write(b);
        } else {
          overflowed = true;
        }
      }
    }

    /** The header's names; a byte order mark before the first is not part of it. */
    private static List<String> header(byte[] bytes) throws IOException {
      try (Reader reader = new StrictUtf8Reader(new ByteArrayInputStream(bytes));
          CSVParser parser =
              CSVParser.builder().setReader(reader).setFormat(CsvChunkReader.FORMAT).get()) {
        List<String> names = new ArrayList<>(parser.iterator().next().toList());
        if (names.get(0).startsWith("\uFEFF")) {
          names.set(0, names.get(0).substring(1));
        }
        return names;
      }
    }

    /** Where each wanted column is in the header; null (and problems) when some are missing. */
    private List<Integer> positions(String location, List<String> header, MultiOutputReceiver out) {
      Map<String, Integer> byName = new HashMap<>();
      for (int i = 0; i < header.size(); i++) {
        if (byName.putIfAbsent(header.get(i), i) != null && columns.contains(header.get(i))) {
          out.get(INVALID)
              .output(
                  Failure.row(location, 1, "the header names this column twice")
                      .inColumn(header.get(i), null));
          return null;
        }
      }
      List<Integer> positions = new ArrayList<>(columns.size());
      boolean complete = true;
      for (String column : columns) {
        Integer position = byName.get(column);
        if (position == null) {
          out.get(INVALID)
              .output(
                  Failure.row(location, 1, "the column is missing from the header")
                      .inColumn(column, null));
          complete = false;
        }
        positions.add(position);
      }
      return complete ? positions : null;
    }

    @Teardown
    public void teardown() {
      if (opener != null) {
        opener.close();
      }
      if (sources != null) {
        sources.close();
      }
    }
  }
}
