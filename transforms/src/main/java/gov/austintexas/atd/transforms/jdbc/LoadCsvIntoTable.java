package gov.austintexas.atd.transforms.jdbc;

import gov.austintexas.atd.transforms.csv.CsvChunk;
import gov.austintexas.atd.transforms.csv.CsvChunkReader;
import gov.austintexas.atd.transforms.csv.CsvRecord;
import gov.austintexas.atd.transforms.csv.CutCsvIntoChunks;
import gov.austintexas.atd.transforms.failure.Failure;
import gov.austintexas.atd.transforms.progress.ProgressLog;
import gov.austintexas.atd.transforms.validation.RowValidator;
import gov.austintexas.atd.transforms.validation.TableSpec;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.transforms.Count;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.Reshuffle;
import org.apache.beam.sdk.transforms.Sum;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;

/**
 * Loads CSV files (one location per element) into a PostgreSQL table, replacing its rows in one
 * transaction, or leaving it exactly as it was when any row is invalid or the database refuses the
 * new rows.
 *
 * <p>The files are cut into chunks at record boundaries ({@link CutCsvIntoChunks}), spread over
 * workers, and each chunk streams through parse, validation ({@link RowValidator}, to Beam {@link
 * Row}s of the table's schema) and COPY into a staging table inside one DoFn, so memory stays flat
 * whatever the file's size, on every runner: the DirectRunner, which runs scheduled loads, has no
 * backpressure, so rows handed from step to step would pile up in its queues. Then {@link
 * ReplaceTableRows}' swap step replaces the target's rows from the staging table. (For rows that
 * are already a {@code PCollection<Row>}, use {@link ReplaceTableRows}.)
 *
 * <p>Outputs {@link #OUTCOME} (one {@link ReplaceOutcome}) and {@link #INVALID} (every invalid row,
 * with file, line, column, value and reason).
 */
public class LoadCsvIntoTable extends PTransform<PCollection<String>, PCollectionTuple> {
  private static final long serialVersionUID = 1L;
  public static final TupleTag<ReplaceOutcome> OUTCOME = new TupleTag<>() {};
  public static final TupleTag<Failure> INVALID = new TupleTag<>() {};
  private static final TupleTag<Long> STAGED = new TupleTag<>() {};

  private final TableSpec table;
  private final JdbcSettings database;
  private final String stampColumn;
  private final LocalDateTime stamp;
  private final Duration timeout;
  private final long chunkBytes;

  private LoadCsvIntoTable(
      TableSpec table,
      JdbcSettings database,
      String stampColumn,
      LocalDateTime stamp,
      Duration timeout,
      long chunkBytes) {
    this.table = table;
    this.database = database;
    this.stampColumn = stampColumn;
    this.stamp = stamp;
    this.timeout = timeout;
    this.chunkBytes = chunkBytes;
  }

  /**
   * Into {@code table.table()}, whose columns are {@code table}'s (plus the stamp column, if any).
   */
  public static LoadCsvIntoTable into(TableSpec table, JdbcSettings database) {
    return new LoadCsvIntoTable(table, database, null, null, Duration.ofSeconds(60), 4L << 20);
  }

  /** Sets {@code column} of every new row to {@code value} (the run's start time, say). */
  public LoadCsvIntoTable stamping(String column, LocalDateTime value) {
    return new LoadCsvIntoTable(table, database, column, value, timeout, chunkBytes);
  }

  /** The time limit for downloading an URL source whole. */
  public LoadCsvIntoTable withTimeout(Duration value) {
    return new LoadCsvIntoTable(table, database, stampColumn, stamp, value, chunkBytes);
  }

  /** About how many bytes of CSV each chunk has. */
  public LoadCsvIntoTable withChunkBytes(long value) {
    return new LoadCsvIntoTable(table, database, stampColumn, stamp, timeout, value);
  }

  @Override
  public PCollectionTuple expand(PCollection<String> locations) {
    String target = ReplaceTableRows.identifier(table.table());
    // A staging table per pipeline construction keeps concurrent runs apart.
    String staging = StagingTable.nameFor(table.table());
    List<String> columns = new ArrayList<>();
    table.columnNames().forEach(name -> columns.add(ReplaceTableRows.identifier(name)));
    String stamped = stampColumn == null ? null : ReplaceTableRows.identifier(stampColumn);

    PCollectionTuple split =
        locations.apply(
            CutCsvIntoChunks.keeping(table.csvNames())
                .withTimeout(timeout)
                .withChunkBytes(chunkBytes));
    PCollectionTuple staged =
        split
            .get(CutCsvIntoChunks.CHUNKS)
            .apply("Spread chunks", Reshuffle.viaRandomKey())
            .apply(
                "Parse, validate, stage",
                ParDo.of(
                        new StageChunkFn(
                            table, database, new StagingTable(target, staging, columns)))
                    .withOutputTags(STAGED, TupleTagList.of(INVALID)));
    PCollection<Failure> invalid =
        PCollectionList.of(split.get(CutCsvIntoChunks.INVALID))
            .and(staged.get(INVALID))
            .apply("Invalid rows", Flatten.pCollections());
    PCollectionView<Long> invalidCount =
        invalid.apply("Count invalid", Count.globally()).apply(View.asSingleton());
    PCollection<ReplaceOutcome> outcome =
        staged
            .get(STAGED)
            .apply("Count staged", Sum.longsGlobally())
            .apply(
                "Replace " + table.table(),
                ParDo.of(
                        new ReplaceTableRows.SwapFn(
                            database, target, staging, columns, stamped, stamp, invalidCount))
                    .withSideInputs(invalidCount));
    return PCollectionTuple.of(OUTCOME, outcome).and(INVALID, invalid);
  }

  /** One chunk: each record parsed, validated and, when valid, copied into the staging table. */
  static class StageChunkFn extends DoFn<CsvChunk, Long> {
    private static final long serialVersionUID = 1L;
    private final Counter staged = Metrics.counter(LoadCsvIntoTable.class, "rows_staged");
    private final Counter invalidRows = Metrics.counter(LoadCsvIntoTable.class, "invalid_rows");
    private final TableSpec table;
    private final JdbcSettings database;
    private final StagingTable staging;
    private final ProgressLog progress;

    private transient CsvChunkReader reader;
    private transient RowValidator validator;
    private transient Connection connection;
    private transient boolean stagingReady;

    StageChunkFn(TableSpec table, JdbcSettings database, StagingTable staging) {
      this.table = table;
      this.database = database;
      this.staging = staging;
      this.progress = ProgressLog.of("load " + table.table(), "rows").checkingTimeEvery(1000);
    }

    @Setup
    public void setup() throws SQLException {
      validator = new RowValidator(table);
      connection = database.connect();
    }

    @ProcessElement
    public void processElement(
        @Element CsvChunk chunk, MultiOutputReceiver out, PipelineOptions options)
        throws Exception {
      if (reader == null) {
        reader = new CsvChunkReader(options);
      }
      if (!stagingReady) {
        staging.createIfAbsent(connection);
        stagingReady = true;
      }
      StagingTable.Copy copy = staging.copy(connection);
      try {
        reader.read(
            chunk,
            new CsvChunkReader.Sink() {
              @Override
              public void record(CsvRecord record) throws Exception {
                progress.add(1);
                Row row = validator.validate(record, chunk.location(), this::problem);
                if (row != null) {
                  copy.write(row);
                } else {
                  invalidRows.inc();
                }
              }

              @Override
              public void problem(Failure problem) {
                out.get(INVALID).output(problem);
              }
            });
        long rows = copy.commit();
        staged.inc(rows);
        out.get(STAGED).output(rows);
      } catch (Exception e) {
        copy.cancel();
        throw e;
      }
    }

    @Teardown
    public void teardown() throws SQLException {
      progress.finish();
      if (reader != null) {
        reader.close();
      }
      if (connection != null) {
        connection.close();
      }
    }
  }
}
