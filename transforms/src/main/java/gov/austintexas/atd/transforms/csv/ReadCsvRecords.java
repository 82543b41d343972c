package gov.austintexas.atd.transforms.csv;

import gov.austintexas.atd.transforms.failure.Failure;
import java.time.Duration;
import java.util.List;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.Reshuffle;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;

/**
 * Reads CSV files (one location per element: an {@code https://} URL, an {@code s3://} object, a
 * {@code file:} URI or a local path) and keeps the named columns of each record, in the order
 * named. The header row names the columns; other columns are ignored.
 *
 * <p>The files are cut into chunks at record boundaries ({@link CutCsvIntoChunks}), which are
 * spread over workers and parsed with Commons CSV each on its own.
 *
 * <p>Outputs {@link #RECORDS} and {@link #INVALID}: a named column missing from the header, a row
 * whose field count differs from the header's, a file with a header but no rows, bytes that are not
 * UTF-8, text that is not valid CSV, or a file that cannot be read. Such problems are outputs, not
 * exceptions, so that one bad file does not stop the others.
 */
public class ReadCsvRecords extends PTransform<PCollection<String>, PCollectionTuple> {
  private static final long serialVersionUID = 1L;
  public static final TupleTag<CsvRecord> RECORDS = new TupleTag<>() {};
  public static final TupleTag<Failure> INVALID = new TupleTag<>() {};

  private final CutCsvIntoChunks cut;

  private ReadCsvRecords(CutCsvIntoChunks cut) {
    this.cut = cut;
  }

  /** Keeps these CSV columns, in this order. */
  public static ReadCsvRecords columns(List<String> columns) {
    return new ReadCsvRecords(CutCsvIntoChunks.keeping(columns));
  }

  /** The time limit for downloading an URL. */
  public ReadCsvRecords withTimeout(Duration value) {
    return new ReadCsvRecords(cut.withTimeout(value));
  }

  /** About how many bytes each chunk has. */
  public ReadCsvRecords withChunkBytes(long value) {
    return new ReadCsvRecords(cut.withChunkBytes(value));
  }

  @Override
  public PCollectionTuple expand(PCollection<String> locations) {
    PCollectionTuple split = locations.apply(cut);
    PCollectionTuple parsed =
        split
            .get(CutCsvIntoChunks.CHUNKS)
            .apply("Spread chunks", Reshuffle.viaRandomKey())
            .apply(
                "Parse chunks",
                ParDo.of(new ParseChunkFn()).withOutputTags(RECORDS, TupleTagList.of(INVALID)));
    PCollection<Failure> invalid =
        PCollectionList.of(split.get(CutCsvIntoChunks.INVALID))
            .and(parsed.get(INVALID))
            .apply("Problems", Flatten.pCollections());
    return PCollectionTuple.of(RECORDS, parsed.get(RECORDS)).and(INVALID, invalid);
  }

  static class ParseChunkFn extends DoFn<CsvChunk, CsvRecord> {
    private static final long serialVersionUID = 1L;
    private final Counter records = Metrics.counter(ReadCsvRecords.class, "records_read");
    private transient CsvChunkReader reader;

    @ProcessElement
    public void processElement(
        @Element CsvChunk chunk, MultiOutputReceiver out, PipelineOptions options)
        throws Exception {
      if (reader == null) {
        reader = new CsvChunkReader(options);
      }
      reader.read(
          chunk,
          new CsvChunkReader.Sink() {
            @Override
            public void record(CsvRecord record) {
              out.get(RECORDS).output(record);
              records.inc();
            }

            @Override
            public void problem(Failure problem) {
              out.get(INVALID).output(problem);
            }
          });
    }

    @Teardown
    public void teardown() {
      if (reader != null) {
        reader.close();
      }
    }
  }
}
