package gov.austintexas.atd.transforms.socrata;

import com.fasterxml.jackson.databind.node.ObjectNode;
import gov.austintexas.atd.transforms.failure.Failure;
import gov.austintexas.atd.transforms.io.ToListFn;
import gov.austintexas.atd.transforms.json.ObjectNodeCoder;
import gov.austintexas.atd.transforms.socrata.SocrataWriteResult.Operation;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CoderRegistry;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.ListCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.Reshuffle;
import org.apache.beam.sdk.transforms.WithKeys;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Beam transforms that write rows to a Socrata dataset: {@link #upsert()} and {@link #replace()}.
 * Both go through {@link SocrataClient}, so every request is timed out and retried, and both emit
 * exactly one {@link SocrataWriteResult} per dataset, after the whole dataset is written. A chunk
 * that still fails after its retries is a failure in that result, not an exception, so a pipeline
 * can finish its other writes and then report.
 *
 * <pre>{@code
 * rows.apply(SocrataIO.upsert().withConnection(connection).withDatasetId("vs3t-h2aj"));
 * rows.apply(SocrataIO.replace().withConnection(connection).withDatasetId("vs3t-h2aj").withChunkSize(5_000));
 * }</pre>
 */
public final class SocrataIO {
  static final int DEFAULT_CHUNK_SIZE = 10_000;
  private static final Logger LOG = LoggerFactory.getLogger(SocrataIO.class);

  private SocrataIO() {}

  public static Upsert upsert() {
    return new Upsert(null, null, DEFAULT_CHUNK_SIZE);
  }

  public static Replace replace() {
    return new Replace(null, null, DEFAULT_CHUNK_SIZE, false);
  }

  /**
   * Upserts the rows in chunks of {@code chunkSize} (default 10,000), each one request retried on
   * its own, the chunks sent from parallel workers.
   *
   * <p>The rows are first gathered under the dataset's key and cut into numbered chunks by one
   * worker (the grouped rows are iterated, not held), then the chunks are spread over the workers.
   * Numbering them there is what lets a failure name its chunk and row range; for the finance
   * datasets (thousands of rows) the one pass is nothing next to the HTTP requests.
   *
   * <p>Upserts are idempotent when the dataset has a row identifier: a chunk retried after a 5xx
   * that Socrata had applied updates the same rows, so every row lands exactly once. Without a row
   * identifier every row would be created, and a retry or a rerun would append the rows again, so
   * such a dataset is refused before any row is sent: its result is one failure saying why, and the
   * pipeline's other writes go on.
   */
  public static final class Upsert
      extends PTransform<PCollection<ObjectNode>, PCollection<SocrataWriteResult>> {
    private static final long serialVersionUID = 1L;
    private final SocrataConnection connection;
    private final String datasetId;
    private final int chunkSize;

    private Upsert(SocrataConnection connection, String datasetId, int chunkSize) {
      this.connection = connection;
      this.datasetId = datasetId;
      this.chunkSize = chunkSize;
    }

    public Upsert withConnection(SocrataConnection connection) {
      return new Upsert(Objects.requireNonNull(connection, "connection"), datasetId, chunkSize);
    }

    public Upsert withDatasetId(String datasetId) {
      return new Upsert(connection, Objects.requireNonNull(datasetId, "datasetId"), chunkSize);
    }

    /** Rows per request; default 10,000. */
    public Upsert withChunkSize(int chunkSize) {
      return new Upsert(connection, datasetId, positive(chunkSize));
    }

    @Override
    public PCollection<SocrataWriteResult> expand(PCollection<ObjectNode> rows) {
      checkConfigured(connection, datasetId);
      PCollectionTuple cut =
          rows.apply("Key by dataset", WithKeys.of(datasetId))
              .setCoder(KvCoder.of(StringUtf8Coder.of(), ObjectNodeCoder.of()))
              .apply("Gather", GroupByKey.create())
              .apply(
                  "Cut into chunks",
                  ParDo.of(new CutIntoChunksFn(connection, chunkSize))
                      .withOutputTags(
                          CutIntoChunksFn.CHUNKS, TupleTagList.of(CutIntoChunksFn.REFUSED)));
      PCollection<SocrataWriteResult> sent =
          cut.get(CutIntoChunksFn.CHUNKS)
              .setCoder(SocrataChunk.Coder.of())
              .apply("Spread chunks", Reshuffle.viaRandomKey())
              .apply("Upsert chunks", ParDo.of(new UpsertChunkFn(connection, datasetId)))
              .setCoder(SocrataWriteResult.Coder.of());
      PCollection<SocrataWriteResult> refused =
          cut.get(CutIntoChunksFn.REFUSED).setCoder(SocrataWriteResult.Coder.of());
      return PCollectionList.of(sent)
          .and(refused)
          .apply("Sent and refused", Flatten.pCollections())
          .apply("One result", Combine.globally(new SumResults(datasetId, Operation.UPSERT)))
          .setCoder(SocrataWriteResult.Coder.of());
    }
  }

  /**
   * Replaces the dataset's rows with these through a Dataset Management API revision ({@link
   * RevisionReplace}), so that readers see its previous rows until the portal's apply job succeeds,
   * then exactly the new ones; at any size, and whatever fails.
   *
   * <p>All rows are gathered on one worker first, their keys checked against the dataset's columns
   * (as field names, case-insensitively), then uploaded as one CSV in chunks of at most {@code
   * chunkSize} rows (and at most the portal's preferred chunk size in bytes), each chunk retried
   * alone at its byte offset. A failure before the apply (a chunk that keeps failing, an output
   * schema with errors, a timeout) discards the revision, and the dataset is exactly as it was; a
   * job that fails leaves it as it was too. A run that dies leaves at most an open, unapplied
   * revision, which changes nothing; the next run opens its own.
   *
   * <p>Replacing with no rows is refused as a failure (a safety rail against an empty extract
   * wiping a dataset) unless {@link #withAllowEmpty} is set.
   */
  public static final class Replace
      extends PTransform<PCollection<ObjectNode>, PCollection<SocrataWriteResult>> {
    private static final long serialVersionUID = 1L;
    private final SocrataConnection connection;
    private final String datasetId;
    private final int chunkSize;
    private final boolean allowEmpty;

    private Replace(
        SocrataConnection connection, String datasetId, int chunkSize, boolean allowEmpty) {
      this.connection = connection;
      this.datasetId = datasetId;
      this.chunkSize = chunkSize;
      this.allowEmpty = allowEmpty;
    }

    public Replace withConnection(SocrataConnection connection) {
      return new Replace(
          Objects.requireNonNull(connection, "connection"), datasetId, chunkSize, allowEmpty);
    }

    public Replace withDatasetId(String datasetId) {
      return new Replace(
          connection, Objects.requireNonNull(datasetId, "datasetId"), chunkSize, allowEmpty);
    }

    /**
     * Rows per upload chunk at most; default 10,000 (the portal's preferred chunk size in bytes
     * also caps a chunk).
     */
    public Replace withChunkSize(int chunkSize) {
      return new Replace(connection, datasetId, positive(chunkSize), allowEmpty);
    }

    /** Whether no rows may empty the dataset; default false (refused, reported as a failure). */
    public Replace withAllowEmpty(boolean allowEmpty) {
      return new Replace(connection, datasetId, chunkSize, allowEmpty);
    }

    @Override
    public PCollection<SocrataWriteResult> expand(PCollection<ObjectNode> rows) {
      checkConfigured(connection, datasetId);
      // Combine.globally, unlike a GroupByKey, gives one (empty) list for no rows, so an empty
      // input still yields its one result.
      return rows.apply("Gather", Combine.globally(new GatherRows()))
          .setCoder(ListCoder.of(ObjectNodeCoder.of()))
          .apply("Replace", ParDo.of(new ReplaceFn(connection, datasetId, chunkSize, allowEmpty)))
          .setCoder(SocrataWriteResult.Coder.of());
    }
  }

  private static int positive(int chunkSize) {
    if (chunkSize < 1) {
      throw new IllegalArgumentException("the chunk size must be 1 or more, not " + chunkSize);
    }
    return chunkSize;
  }

  private static void checkConfigured(SocrataConnection connection, String datasetId) {
    if (connection == null || datasetId == null) {
      throw new IllegalArgumentException(
          "SocrataIO needs withConnection(...) and withDatasetId(...)");
    }
  }

  /**
   * Checks once per dataset that it has a row identifier (else nothing is sent: the refusal is the
   * dataset's result), then numbers the gathered rows' chunks, holding one chunk at a time.
   */
  static class CutIntoChunksFn extends DoFn<KV<String, Iterable<ObjectNode>>, SocrataChunk> {
    private static final long serialVersionUID = 1L;
    static final TupleTag<SocrataChunk> CHUNKS = new TupleTag<>() {};
    static final TupleTag<SocrataWriteResult> REFUSED = new TupleTag<>() {};
    private final SocrataConnection connection;
    private final int chunkSize;
    private transient SocrataClient client;

    CutIntoChunksFn(SocrataConnection connection, int chunkSize) {
      this.connection = connection;
      this.chunkSize = chunkSize;
    }

    @Setup
    public void setup() {
      client = new SocrataClient(connection);
    }

    @ProcessElement
    public void processElement(
        @Element KV<String, Iterable<ObjectNode>> rows, MultiOutputReceiver out) {
      String datasetId = rows.getKey();
      try {
        client.requireRowIdentifier(datasetId);
      } catch (SocrataException refused) {
        LOG.error("Socrata dataset {}: {}", datasetId, refused.getMessage());
        SocrataWriteResult result =
            SocrataWriteResult.of(
                datasetId,
                Operation.UPSERT,
                0,
                SocrataCounts.NONE,
                List.of(SocrataWriteResult.failure("upsert not started", datasetId, refused)));
        SocrataMetrics.count(result);
        out.get(REFUSED).output(result);
        return;
      }
      List<ObjectNode> chunk = new ArrayList<>(chunkSize);
      int index = 0;
      long first = 0;
      for (ObjectNode row : rows.getValue()) {
        chunk.add(row);
        if (chunk.size() == chunkSize) {
          out.get(CHUNKS).output(new SocrataChunk(index++, first, chunk));
          first += chunk.size();
          chunk = new ArrayList<>(chunkSize);
        }
      }
      if (!chunk.isEmpty()) {
        out.get(CHUNKS).output(new SocrataChunk(index, first, chunk));
      }
    }
  }

  /** Upserts one chunk; a chunk that fails after retries, or with errors, becomes a failure. */
  static class UpsertChunkFn extends DoFn<SocrataChunk, SocrataWriteResult> {
    private static final long serialVersionUID = 1L;
    private final SocrataConnection connection;
    private final String datasetId;
    private transient SocrataClient client;

    UpsertChunkFn(SocrataConnection connection, String datasetId) {
      this.connection = connection;
      this.datasetId = datasetId;
    }

    @Setup
    public void setup() {
      client = new SocrataClient(connection);
    }

    @ProcessElement
    public void processElement(
        @Element SocrataChunk chunk, OutputReceiver<SocrataWriteResult> out) {
      SocrataCounts counts = SocrataCounts.NONE;
      List<Failure> failures = new ArrayList<>();
      String what = "upsert " + chunk.describe();
      try {
        counts = client.upsert(datasetId, chunk.rows());
        if (counts.errors() > 0) {
          failures.add(
              Failure.of(
                  what,
                  datasetId,
                  "Socrata reported Errors: " + counts.errors() + " (" + counts + ")"));
        }
      } catch (SocrataException failure) {
        failures.add(SocrataWriteResult.failure(what, datasetId, failure));
      }
      failures.forEach(
          failure -> LOG.error("Socrata dataset {}: {}", datasetId, failure.whatAndWhy()));
      SocrataWriteResult result =
          SocrataWriteResult.of(datasetId, Operation.UPSERT, chunk.rows().size(), counts, failures);
      SocrataMetrics.count(result);
      out.output(result);
    }
  }

  /** Runs {@link RevisionReplace} on the gathered rows. */
  static class ReplaceFn extends DoFn<List<ObjectNode>, SocrataWriteResult> {
    private static final long serialVersionUID = 1L;
    private final SocrataConnection connection;
    private final String datasetId;
    private final int chunkSize;
    private final boolean allowEmpty;
    private transient SocrataClient client;

    ReplaceFn(SocrataConnection connection, String datasetId, int chunkSize, boolean allowEmpty) {
      this.connection = connection;
      this.datasetId = datasetId;
      this.chunkSize = chunkSize;
      this.allowEmpty = allowEmpty;
    }

    @Setup
    public void setup() {
      client = new SocrataClient(connection);
    }

    @ProcessElement
    public void processElement(
        @Element List<ObjectNode> rows, OutputReceiver<SocrataWriteResult> out) {
      SocrataWriteResult result =
          new RevisionReplace(client, connection, datasetId, chunkSize, allowEmpty).run(rows);
      result
          .failures()
          .forEach(failure -> LOG.error("Socrata dataset {}: {}", datasetId, failure.whatAndWhy()));
      SocrataMetrics.count(result);
      out.output(result);
    }
  }

  /** Sums the chunks' results into the dataset's one result (an empty one for no rows). */
  static class SumResults
      extends Combine.CombineFn<SocrataWriteResult, SocrataWriteResult, SocrataWriteResult> {
    private static final long serialVersionUID = 1L;
    private final String datasetId;
    private final Operation operation;

    SumResults(String datasetId, Operation operation) {
      this.datasetId = datasetId;
      this.operation = operation;
    }

    @Override
    public SocrataWriteResult createAccumulator() {
      return SocrataWriteResult.none(datasetId, operation);
    }

    @Override
    public SocrataWriteResult addInput(SocrataWriteResult sum, SocrataWriteResult chunk) {
      return sum.plus(chunk);
    }

    @Override
    public SocrataWriteResult mergeAccumulators(Iterable<SocrataWriteResult> sums) {
      SocrataWriteResult total = createAccumulator();
      for (SocrataWriteResult sum : sums) {
        total = total.plus(sum);
      }
      return total;
    }

    @Override
    public SocrataWriteResult extractOutput(SocrataWriteResult sum) {
      return sum;
    }

    @Override
    public Coder<SocrataWriteResult> getAccumulatorCoder(
        CoderRegistry registry, Coder<SocrataWriteResult> input) {
      return SocrataWriteResult.Coder.of();
    }

    @Override
    public Coder<SocrataWriteResult> getDefaultOutputCoder(
        CoderRegistry registry, Coder<SocrataWriteResult> input) {
      return SocrataWriteResult.Coder.of();
    }
  }

  /** Every row of the dataset in one list, for the replace's one worker. */
  static class GatherRows extends ToListFn<ObjectNode> {
    private static final long serialVersionUID = 1L;

    GatherRows() {
      super(ObjectNodeCoder.of());
    }
  }
}
