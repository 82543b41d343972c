package gov.austintexas.atd.transforms.knack;

import com.fasterxml.jackson.databind.node.ObjectNode;
import gov.austintexas.atd.transforms.json.Json;
import gov.austintexas.atd.transforms.json.ObjectNodeCoder;
import java.util.ArrayList;
import gov.austintexas.atd.transforms.progress.ProgressLog;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.GroupIntoBatches;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.Reshuffle;
import org.apache.beam.sdk.transforms.WithKeys;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;

/**
 * Beam transforms for a Knack object: {@link #read} all of its records, and {@link #write}
 * creates and updates. Both go through {@link KnackClient}, so every request is timed out,
 * retried and held to the app's rate limit.
 */
public final class KnackIO {
  private KnackIO() {}

  public static Read read(KnackApp app, String object) {
    return new Read(app, object, 1000);
  }

  public static Write write(KnackApp app, String object, String keyField) {
    return new Write(app, object, keyField, 50);
  }

  /**
   * Reads every record of an object. The first page gives {@code total_pages}; the other pages
   * are then fetched in parallel. Knack's totals can be wrong and its pages short, so a short
   * page before the last is fetched again unless the next page is empty (then it was the end),
   * and a full last page is followed until a page that is not full: reading always ends.
   */
  public static class Read extends PTransform<PBegin, PCollection<ObjectNode>> {
    private static final long serialVersionUID = 1L;
    private static final TupleTag<ObjectNode> RECORDS = new TupleTag<>("records") {};
    private static final TupleTag<KV<Integer, Integer>> MORE_PAGES = new TupleTag<>("more pages") {};

    private final KnackApp app;
    private final String object;
    private final int rowsPerPage;

    Read(KnackApp app, String object, int rowsPerPage) {
      this.app = app;
      this.object = object;
      this.rowsPerPage = rowsPerPage;
    }

    /** Records per page, at most Knack's 1000. */
    public Read withRowsPerPage(int rows) {
      if (rows < 1 || rows > 1000) {
        throw new IllegalArgumentException("rows per page must be 1 to 1000, not " + rows);
      }
      return new Read(app, object, rows);
    }

    @Override
    public PCollection<ObjectNode> expand(PBegin begin) {
      PCollectionTuple first =
          begin
              .apply("Object", Create.of(object))
              .apply(
                  "Read page 1",
                  ParDo.of(new FirstPageFn(app, object, rowsPerPage)).withOutputTags(RECORDS, TupleTagList.of(MORE_PAGES)));
      PCollection<ObjectNode> rest =
          first
              .get(MORE_PAGES)
              .setCoder(KvCoder.of(VarIntCoder.of(), VarIntCoder.of()))
              .apply("Spread pages", Reshuffle.viaRandomKey())
              .apply("Read other pages", ParDo.of(new PageFn(app, object, rowsPerPage)))
              .setCoder(ObjectNodeCoder.of());
      return PCollectionList.of(first.get(RECORDS).setCoder(ObjectNodeCoder.of()))
          .and(rest)
          .apply("All records", Flatten.pCollections());
    }
  }

  /** Shared page handling of the read's two steps. */
  abstract static class PagesFn<T> extends DoFn<T, ObjectNode> {
    private static final long serialVersionUID = 1L;
    private static final int SHORT_PAGE_RETRIES = 3;
    final KnackApp app;
    final String object;
    final int rowsPerPage;
    private final Counter read = KnackMetrics.counter(KnackMetrics.KNACK_RECORDS_READ);
    private final ProgressLog progress;
    transient KnackClient client;

    PagesFn(KnackApp app, String object, int rowsPerPage) {
      this.app = app;
      this.object = object;
      this.rowsPerPage = rowsPerPage;
      this.progress = ProgressLog.of("knack read " + app.name() + " " + object, "records");
    }

    @Setup
    public void setup() {
      client = new KnackClient(app);
    }

    List<ObjectNode> fetch(int page) {
      return client.listRecords(object, page, rowsPerPage).records();
    }

    /** Emits page {@code n} of {@code totalPages}, already fetched as {@code records}. */
    void emitPage(int n, int totalPages, List<ObjectNode> records, OutputReceiver<ObjectNode> out) {
      if (!records.isEmpty() && records.size() < rowsPerPage && n < totalPages) {
        records = refetchShortPage(n, totalPages, records);
      }
      emit(records, out);
      // total_pages can understate: a full last page may not be the last.
      for (int next = n + 1; n >= totalPages && records.size() == rowsPerPage; next++) {
        records = fetch(next);
        emit(records, out);
      }
    }

    /**
     * A short page before the last is either the real end (Knack overstated the totals) or the
     * service dropping records: the next page tells which. Dropped records would otherwise be
     * planned as creates, and created twice.
     */
    private List<ObjectNode> refetchShortPage(int n, int totalPages, List<ObjectNode> records) {
      for (int attempt = 1; records.size() < rowsPerPage; attempt++) {
        if (fetch(n + 1).isEmpty()) {
          return records;
        }
        if (attempt > SHORT_PAGE_RETRIES) {
          throw new KnackException(
              "Knack app " + app.name() + ", " + object + ": page " + n + " of " + totalPages + " came back with "
                  + records.size() + " of " + rowsPerPage + " records " + attempt + " times; stopping rather than"
                  + " planning from an incomplete read",
              0,
              0);
        }
        records = fetch(n);
      }
      return records;
    }

    private void emit(List<ObjectNode> records, OutputReceiver<ObjectNode> out) {
      records.forEach(out::output);
      read.inc(records.size());
      progress.add(records.size());
    }
  }

  static class FirstPageFn extends PagesFn<String> {
    private static final long serialVersionUID = 1L;

    FirstPageFn(KnackApp app, String object, int rowsPerPage) {
      super(app, object, rowsPerPage);
    }

    @ProcessElement
    public void processElement(MultiOutputReceiver out) {
      KnackClient.Page first = client.listRecords(object, 1, rowsPerPage);
      for (int page = 2; page <= first.totalPages(); page++) {
        out.get(Read.MORE_PAGES).output(KV.of(page, first.totalPages()));
      }
      emitPage(1, first.totalPages(), first.records(), out.get(Read.RECORDS));
    }
  }

  static class PageFn extends PagesFn<KV<Integer, Integer>> {
    private static final long serialVersionUID = 1L;

    PageFn(KnackApp app, String object, int rowsPerPage) {
      super(app, object, rowsPerPage);
    }

    @ProcessElement
    public void processElement(@Element KV<Integer, Integer> page, OutputReceiver<ObjectNode> out) {
      emitPage(page.getKey(), page.getValue(), fetch(page.getKey()), out);
    }
  }

  /**
   * Sends creates and updates to a Knack object in batches, each batch's requests concurrently, up
   * to the app's rate limit (one limiter per app per worker, see {@link KnackRateLimiters}). The
   * writes are grouped under one key per app, so on a runner with many workers they still go
   * through one worker and one limiter, and batches do not depend on how the runner bundles. A
   * record that still fails after retries (e.g. a 400 for a bad value) is not lost: it comes out of
   * this transform as a dead letter, {@code {"key", "action", "id", "record", "error"}}, and the
   * others still go. 401, 403 and 404 stop the run: no other record could succeed.
   */
  public static class Write extends PTransform<PCollection<KnackWrite>, PCollection<ObjectNode>> {
    private static final long serialVersionUID = 1L;
    private final KnackApp app;
    private final String object;
    private final String keyField;
    private final int batchSize;

    Write(KnackApp app, String object, String keyField, int batchSize) {
      this.app = app;
      this.object = object;
      this.keyField = keyField;
      this.batchSize = batchSize;
    }

    @Override
    public PCollection<ObjectNode> expand(PCollection<KnackWrite> writes) {
      return writes
          .apply("Key by app", WithKeys.of(app.name()))
          .setCoder(KvCoder.of(StringUtf8Coder.of(), KnackWrite.Coder.of()))
          .apply("Batch", GroupIntoBatches.ofSize(batchSize))
          .apply("Send to " + object, ParDo.of(new WriteBatchFn(app, object, keyField)))
          .setCoder(ObjectNodeCoder.of());
    }
  }

  static class WriteBatchFn extends DoFn<KV<String, Iterable<KnackWrite>>, ObjectNode> {
    private static final long serialVersionUID = 1L;
    private final KnackApp app;
    private final String object;
    private final String keyField;
    private final Counter created = KnackMetrics.counter(KnackMetrics.CREATED);
    private final Counter updated = KnackMetrics.counter(KnackMetrics.UPDATED);
    private final Counter failed = KnackMetrics.counter(KnackMetrics.FAILED);
    private final ProgressLog progress;

    private transient KnackClient client;
    private transient ExecutorService senders;

    WriteBatchFn(KnackApp app, String object, String keyField) {
      this.app = app;
      this.object = object;
      this.keyField = keyField;
      this.progress = ProgressLog.of("knack write " + app.name() + " " + object, "records");
    }

    @Setup
    public void setup() {
      client = new KnackClient(app);
      // Enough threads to use the whole rate limit even when each request takes a second.
      senders = Executors.newFixedThreadPool(Math.max(1, (int) Math.ceil(app.requestsPerSecond())));
    }

    /** Sends the batch concurrently; counts in this thread, since Beam metrics are per thread. */
    @ProcessElement
    public void processElement(@Element KV<String, Iterable<KnackWrite>> batch, OutputReceiver<ObjectNode> deadLetters)
        throws InterruptedException {
      List<KnackWrite> writes = new ArrayList<>();
      List<Future<ObjectNode>> sent = new ArrayList<>();
      for (KnackWrite write : batch.getValue()) {
        writes.add(write);
        sent.add(senders.submit(() -> send(write)));
      }
      for (int i = 0; i < sent.size(); i++) {
        ObjectNode deadLetter;
        try {
          deadLetter = sent.get(i).get();
        } catch (ExecutionException fatal) {
          sent.forEach(other -> other.cancel(true));
          throw (RuntimeException) fatal.getCause();
        }
        if (deadLetter != null) {
          failed.inc();
          deadLetters.output(deadLetter);
        } else if (writes.get(i).kind() == KnackWrite.Kind.CREATE) {
          created.inc();
        } else {
          updated.inc();
        }
        progress.add(1);
      }
    }

    @Teardown
    public void teardown() {
      progress.finish();
      if (senders != null) {
        senders.shutdownNow();
      }
    }

    /** Sends one write; returns null when it landed, or its dead letter. */
    private ObjectNode send(KnackWrite write) {
      try {
        if (write.kind() == KnackWrite.Kind.CREATE) {
          client.create(object, write.record(), keyField, write.key());
        } else {
          client.update(object, write.id(), write.record());
        }
        return null;
      } catch (KnackException failure) {
        if (failure.fatal()) {
          throw failure;
        }
        ObjectNode deadLetter = Json.MAPPER.createObjectNode();
        deadLetter.put("key", write.key());
        deadLetter.put("action", write.kind().name().toLowerCase(Locale.ROOT));
        deadLetter.put("id", write.id());
        deadLetter.set("record", write.record());
        deadLetter.put("error", failure.getMessage());
        return deadLetter;
      }
    }
  }
}
