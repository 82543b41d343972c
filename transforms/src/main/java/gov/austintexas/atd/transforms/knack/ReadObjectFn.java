package gov.austintexas.atd.transforms.knack;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.beam.sdk.metrics.Counter;

/**
 * Reads every page of one Knack object, in one element, so that all the read's requests share one
 * client and its rate limiter (pages are fetched concurrently, up to the app's rate). The read is
 * complete or this throws, and a failed bundle's output never reaches the plan:
 *
 * <ul>
 *   <li>a short or empty page before {@code total_pages} is read again, up to {@value #REREADS}
 *       times; if it stays short while a later page has records, records were dropped;
 *   <li>a page that repeats records of an earlier page hides the records that belong there;
 *   <li>fewer records in all than page 1's {@code total_records}, minus the tolerance (Knack's
 *       total can be a little off), is a read that lost records;
 *   <li>after {@code total_pages}, a full last page is followed until a page that is not full or
 *       brings nothing new, so reading always ends.
 * </ul>
 *
 * Each is a misbehaving service (exit 1): the message names the app, the object, the page and the
 * counts.
 */
class ReadObjectFn extends KnackRequestsFn<String, ObjectNode> {
  private static final long serialVersionUID = 1L;
  static final int REREADS = 3;

  private final int rowsPerPage;
  private final int totalTolerance;
  private final Counter read = KnackMetrics.counter(KnackMetrics.KNACK_RECORDS_READ);

  ReadObjectFn(KnackApp app, String object, int rowsPerPage, int totalTolerance) {
    super(app, object, "read");
    this.rowsPerPage = rowsPerPage;
    this.totalTolerance = totalTolerance;
  }

  @ProcessElement
  public void processElement(OutputReceiver<ObjectNode> out) throws InterruptedException {
    client.startPacing();
    KnackClient.Page first = client.listRecords(object, 1, rowsPerPage);
    int totalPages = first.totalPages();
    Map<Integer, Future<KnackClient.Page>> others = new HashMap<>();
    for (int page = 2; page <= totalPages; page++) {
      int n = page;
      others.put(n, threads.submit(() -> client.listRecords(object, n, rowsPerPage)));
    }
    Seen seen = new Seen();
    int lastPage = Math.max(1, totalPages);
    List<ObjectNode> records = first.records();
    int shortPage = 0; // the first page before the last that stayed short, if any
    for (int n = 1; n <= lastPage; n++) {
      if (n > 1) {
        records = get(others.remove(n)).records();
      }
      if (n < lastPage && records.size() < rowsPerPage) {
        records = reread(n, records);
      }
      if (shortPage > 0 && !records.isEmpty()) {
        others.values().forEach(pending -> pending.cancel(true));
        throw incomplete(
            "page "
                + shortPage
                + " of "
                + totalPages
                + " came back with "
                + seen.sizeOf(shortPage)
                + " of "
                + rowsPerPage
                + " records "
                + (REREADS + 1)
                + " times, but page "
                + n
                + " has "
                + records.size());
      }
      if (shortPage == 0 && n < lastPage && records.size() < rowsPerPage) {
        shortPage = n;
      }
      seen.add(n, records);
      emit(records, out);
    }
    // total_pages can understate: a full last page may not be the last.
    for (int next = lastPage + 1; records.size() == rowsPerPage && shortPage == 0; next++) {
      records = client.listRecords(object, next, rowsPerPage).records();
      if (seen.allSeen(records)) {
        break; // the server answers past the end with a page it already gave: nothing is missing
      }
      seen.add(next, records);
      emit(records, out);
    }
    if (seen.total() < (long) first.totalRecords() - totalTolerance) {
      throw incomplete(
          "read "
              + seen.total()
              + " records, but page 1 promised "
              + first.totalRecords()
              + " ("
              + totalTolerance
              + " fewer are tolerated, since Knack's total can be off)");
    }
  }

  /** A short page before the last: the service dropping records, or the real end; read it again. */
  private List<ObjectNode> reread(int n, List<ObjectNode> records) {
    for (int attempt = 0; attempt < REREADS && records.size() < rowsPerPage; attempt++) {
      records = client.listRecords(object, n, rowsPerPage).records();
    }
    return records;
  }

  private void emit(List<ObjectNode> records, OutputReceiver<ObjectNode> out) {
    records.forEach(out::output);
    read.inc(records.size());
    progress.add(records.size());
  }

  private KnackException incomplete(String what) {
    return new KnackException(
        "Knack app "
            + app.name()
            + ", "
            + object
            + ": incomplete read: "
            + what
            + "; stopping before any write rather than planning from an incomplete read",
        0,
        0);
  }

  private static KnackClient.Page get(Future<KnackClient.Page> page) throws InterruptedException {
    try {
      return page.get();
    } catch (ExecutionException failed) {
      throw failed.getCause() instanceof RuntimeException runtime
          ? runtime
          : new IllegalStateException(failed.getCause());
    }
  }

  /** The ids read so far, by page; a page that repeats an earlier page's record is an error. */
  private final class Seen {
    private final Map<Integer, Integer> sizes = new HashMap<>();
    private final Map<String, Integer> pageOf = new HashMap<>();

    void add(int page, List<ObjectNode> records) {
      for (ObjectNode record : records) {
        String id = record.path("id").asText();
        Integer earlier = pageOf.putIfAbsent(id, page);
        if (earlier != null) {
          throw incomplete(
              "page "
                  + page
                  + " repeats record "
                  + id
                  + " of page "
                  + earlier
                  + ", so the records that belong on page "
                  + page
                  + " were not read");
        }
      }
      sizes.put(page, records.size());
    }

    boolean allSeen(List<ObjectNode> records) {
      return !records.isEmpty()
          && records.stream().allMatch(record -> pageOf.containsKey(record.path("id").asText()));
    }

    int sizeOf(int page) {
      return sizes.getOrDefault(page, 0);
    }

    long total() {
      return pageOf.size();
    }
  }
}
