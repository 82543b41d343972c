package gov.austintexas.atd.transforms.csv;

import gov.austintexas.atd.transforms.failure.Failure;
import java.io.ByteArrayInputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Parses one {@link CsvChunk} with Commons CSV, from its first byte to its last, handing each
 * record (the wanted columns, with the line it starts on in the file) or problem to a sink as it
 * goes, so that nothing is held. Opened in a DoFn's setup, closed in its teardown.
 */
public final class CsvChunkReader implements AutoCloseable {
  private final PipelineOptions options;
  private SourceBytes sources;

  /** {@code options}: for the S3 client, when a chunk is read from S3. */
  public CsvChunkReader(PipelineOptions options) {
    this.options = options;
  }

  /**
   * RFC 4180: quoted fields may hold commas, quotes and line breaks. Blank lines are skipped here,
   * not by the parser, so that they still count in line numbers.
   */
  static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder().setIgnoreEmptyLines(false).get();

  /** Receives a chunk's records and problems in file order. */
  public interface Sink {
    void record(CsvRecord record) throws Exception;

    void problem(Failure problem) throws Exception;
  }

  /** Reads the chunk; a problem that stops the chunk (bad UTF-8, bad CSV) is its last output. */
  public void read(CsvChunk chunk, Sink sink) throws Exception {
    long line = chunk.firstLine();
    try (InputStream in = open(chunk);
        Reader reader = new StrictUtf8Reader(in);
        CSVParser parser = CSVParser.builder().setReader(reader).setFormat(FORMAT).get()) {
      Iterator<CSVRecord> iterator = parser.iterator();
      while (iterator.hasNext()) {
        CSVRecord record = iterator.next();
        long recordLine = line;
        line = chunk.firstLine() + parser.getCurrentLineNumber();
        if (record.size() == 1 && record.get(0).isEmpty()) {
          continue; // a blank line
        }
        if (record.size() != chunk.headerSize()) {
          sink.problem(
              Failure.row(
                  chunk.location(),
                  recordLine,
                  "the row has "
                      + record.size()
                      + " fields; the header has "
                      + chunk.headerSize()));
          continue;
        }
        List<String> values = new ArrayList<>(chunk.positions().size());
        for (int position : chunk.positions()) {
          values.add(record.get(position));
        }
        sink.record(new CsvRecord(recordLine, values));
      }
    } catch (IOException | UncheckedIOException e) {
      // The record being read starts on this line: there, or in that record, the file went wrong.
      sink.problem(
          problem(
              chunk.location(),
              line,
              e instanceof UncheckedIOException u ? u.getCause() : (IOException) e));
    }
  }

  private InputStream open(CsvChunk chunk) throws IOException {
    if (chunk.bytes() != null) {
      return new ByteArrayInputStream(chunk.bytes());
    }
    if (sources == null) {
      sources = new SourceBytes(options);
    }
    return sources.open(chunk.location(), chunk.version(), chunk.start(), chunk.end());
  }

  @Override
  public void close() {
    if (sources != null) {
      sources.close();
    }
  }

  static Failure problem(String location, long line, IOException cause) {
    if (cause instanceof CsvSourceOpener.Unreachable) {
      return Failure.unreachable(location, cause.getMessage());
    }
    if (cause instanceof NotUtf8Exception) {
      return Failure.row(location, line, "the file is not UTF-8 text (" + cause.getMessage() + ")");
    }
    if (cause instanceof FileNotFoundException) {
      return Failure.row(location, 0, "the file cannot be read: it does not exist");
    }
    if (line > 0) {
      // Commons CSV counts lines from the chunk's start; the line given here is the file's.
      return Failure.row(
          location,
          line,
          "the file is not valid CSV: "
              + cause.getMessage().replaceFirst("^\\(startline \\d+\\) ", ""));
    }
    return Failure.row(
        location,
        0,
        "the file cannot be read: " + (cause.getMessage() != null ? cause.getMessage() : cause));
  }
}
