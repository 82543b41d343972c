package gov.austintexas.atd.transforms.csv;

import gov.austintexas.atd.transforms.validation.InvalidRow;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads CSV files (one location per element: an {@code https://} URL, an {@code s3://} object, a
 * {@code file:} URI or a local path) and keeps the named columns of each record, in the order
 * named. The header row names the columns; other columns are ignored.
 *
 * <p>Outputs {@link #RECORDS} and {@link #INVALID}: a named column missing from the header, a
 * row whose field count differs from the header's, a file with a header but no rows, bytes that
 * are not UTF-8, or a file that cannot be read. Such problems are outputs, not exceptions, so
 * that one bad file does not stop the others.
 */
public class ReadCsvRecords extends PTransform<PCollection<String>, PCollectionTuple> {
  private static final long serialVersionUID = 1L;
  public static final TupleTag<CsvRecord> RECORDS = new TupleTag<>() {};
  public static final TupleTag<InvalidRow> INVALID = new TupleTag<>() {};

  /**
   * RFC 4180: quoted fields may hold commas, quotes and line breaks. Blank lines are skipped here,
   * not by the parser, so that they still count in line numbers.
   */
  private static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder().setIgnoreEmptyLines(false).get();

  private final List<String> columns;
  private final Duration timeout;

  private ReadCsvRecords(List<String> columns, Duration timeout) {
    this.columns = List.copyOf(columns);
    this.timeout = timeout;
  }

  /** Keeps these CSV columns, in this order. */
  public static ReadCsvRecords columns(List<String> columns) {
    return new ReadCsvRecords(columns, Duration.ofSeconds(60));
  }

  /** The time limit for an URL's answer to start. */
  public ReadCsvRecords withTimeout(Duration value) {
    return new ReadCsvRecords(columns, value);
  }

  @Override
  public PCollectionTuple expand(PCollection<String> locations) {
    return locations.apply(
        "Read CSV", ParDo.of(new ReadFn(columns, timeout)).withOutputTags(RECORDS, TupleTagList.of(INVALID)));
  }

  static class ReadFn extends DoFn<String, CsvRecord> {
    private static final long serialVersionUID = 1L;
    private final Counter records = Metrics.counter(ReadCsvRecords.class, "records_read");
    private final List<String> columns;
    private final Duration timeout;
    private transient CsvSourceOpener opener;

    ReadFn(List<String> columns, Duration timeout) {
      this.columns = columns;
      this.timeout = timeout;
    }

    @Setup
    public void setup() {
      opener = new CsvSourceOpener(timeout);
    }

    @ProcessElement
    public void processElement(@Element String location, MultiOutputReceiver out) {
      CSVParser parser = null;
      long line = 1;
      try (InputStream in = opener.open(location);
          Reader reader = new StrictUtf8Reader(in)) {
        parser = CSVParser.builder().setReader(reader).setFormat(FORMAT).get();
        Iterator<CSVRecord> iterator = parser.iterator();
        if (!iterator.hasNext()) {
          out.get(INVALID).output(InvalidRow.row(location, 1, "the file is empty: it has no header row"));
          return;
        }
        List<String> header = header(iterator.next());
        int[] positions = positions(location, header, out);
        if (positions == null) {
          return;
        }
        long rows = 0;
        line = parser.getCurrentLineNumber() + 1;
        while (iterator.hasNext()) {
          CSVRecord record = iterator.next();
          long recordLine = line;
          line = parser.getCurrentLineNumber() + 1;
          if (record.size() == 1 && record.get(0).isEmpty()) {
            continue; // a blank line
          }
          rows++;
          if (record.size() != header.size()) {
            out.get(INVALID).output(InvalidRow.row(location, recordLine,
                "the row has " + record.size() + " fields; the header has " + header.size()));
            continue;
          }
          List<String> values = new ArrayList<>(positions.length);
          for (int position : positions) {
            values.add(record.get(position));
          }
          out.get(RECORDS).output(new CsvRecord(recordLine, values));
          records.inc();
        }
        if (rows == 0) {
          out.get(INVALID).output(InvalidRow.row(location, 1, "the file has a header but no rows"));
        }
      } catch (IOException | UncheckedIOException e) {
        IOException cause = e instanceof UncheckedIOException unchecked ? unchecked.getCause() : (IOException) e;
        // The line where the record being read starts: there, or in that record, the file went wrong.
        out.get(INVALID).output(problem(location, parser == null ? 0 : line, cause));
      }
    }

    /** The header's names; a byte order mark before the first is not part of it. */
    private static List<String> header(CSVRecord record) {
      List<String> names = new ArrayList<>(record.toList());
      if (!names.isEmpty() && names.get(0).startsWith("\uFEFF")) {
        names.set(0, names.get(0).substring(1));
      }
      return names;
    }

    /** Where each wanted column is in the header; null (and problems) when some are missing. */
    private int[] positions(String location, List<String> header, MultiOutputReceiver out) {
      Map<String, Integer> byName = new HashMap<>();
      for (int i = 0; i < header.size(); i++) {
        if (byName.putIfAbsent(header.get(i), i) != null && columns.contains(header.get(i))) {
          out.get(INVALID).output(InvalidRow.cell(location, 1, header.get(i), null, "the header names this column twice"));
          return null;
        }
      }
      int[] positions = new int[columns.size()];
      boolean complete = true;
      for (int i = 0; i < columns.size(); i++) {
        Integer position = byName.get(columns.get(i));
        if (position == null) {
          out.get(INVALID).output(InvalidRow.cell(location, 1, columns.get(i), null, "the column is missing from the header"));
          complete = false;
        } else {
          positions[i] = position;
        }
      }
      return complete ? positions : null;
    }

    private static InvalidRow problem(String location, long line, IOException cause) {
      if (cause instanceof NotUtf8Exception) {
        return InvalidRow.row(location, line, "the file is not UTF-8 text (" + cause.getMessage() + ")");
      }
      if (cause instanceof FileNotFoundException) {
        return InvalidRow.row(location, 0, "the file cannot be read: it does not exist");
      }
      if (line > 0) {
        return InvalidRow.row(location, line, "the file is not valid CSV: " + cause.getMessage());
      }
      return InvalidRow.row(location, 0, "the file cannot be read: " + (cause.getMessage() != null ? cause.getMessage() : cause));
    }

    @Teardown
    public void teardown() {
      if (opener != null) {
        opener.close();
      }
    }
  }
}
