package gov.austintexas.atd.transforms.jdbc;

import gov.austintexas.atd.transforms.progress.ProgressLog;
import java.sql.ResultSet;
import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A result set read on a thread of its own into batches of row values ({@link
 * JsonObjectRowMapper#values}), a few batches ahead of the thread that takes them, so the database
 * fetch and what is done with its rows run at once. The queue is bounded: memory stays a few
 * batches whatever the size of the result.
 *
 * <p>The reader's failure comes out of {@link #next} as it was thrown. {@link #close} stops the
 * reader (at the latest after the fetch it is in) and waits for it, so the result set and its
 * connection are the caller's alone again once it returns.
 */
final class RowPrefetch implements AutoCloseable {
  private static final int BATCH_ROWS = 1000;
  private static final int QUEUED_BATCHES = 8;
  private static final Object[][] END = new Object[0][];

  private final BlockingQueue<Object[][]> batches = new ArrayBlockingQueue<>(QUEUED_BATCHES);
  private final ResultSet rows;
  private final JsonObjectRowMapper mapper;
  private final ProgressLog progress;
  private final Thread reader;
  private volatile boolean stopped;
  private volatile Throwable failure;

  private RowPrefetch(ResultSet rows, JsonObjectRowMapper mapper, ProgressLog progress) {
    this.rows = rows;
    this.mapper = mapper;
    this.progress = progress;
    this.reader = new Thread(this::read, "query-rows-reader");
    reader.setDaemon(true);
  }

  static RowPrefetch start(ResultSet rows, JsonObjectRowMapper mapper, ProgressLog progress) {
    RowPrefetch prefetch = new RowPrefetch(rows, mapper, progress);
    prefetch.reader.start();
    return prefetch;
  }

  /** The next batch of rows in order, or null after the last. */
  Object[][] next() throws Exception {
    Object[][] batch = batches.take();
    if (batch != END) {
      return batch;
    }
    batches.put(END); // a second call sees the end again
    Throwable thrown = failure;
    if (thrown instanceof Exception exception) {
      throw exception;
    }
    if (thrown instanceof Error error) {
      throw error;
    }
    return null;
  }

  private void read() {
    try {
      boolean more = true;
      while (more && !stopped) {
        Object[][] batch = new Object[BATCH_ROWS][];
        int count = 0;
        while (count < BATCH_ROWS && (more = rows.next())) {
          batch[count++] = mapper.values(rows);
          progress.add(1);
        }
        if (count > 0 && !hand(count == BATCH_ROWS ? batch : Arrays.copyOf(batch, count))) {
          return;
        }
      }
    } catch (Throwable thrown) {
      failure = thrown;
    }
    hand(END);
  }

  /** Queues a batch, waiting for room; false once the taker has stopped. */
  private boolean hand(Object[][] batch) {
    try {
      while (!stopped) {
        if (batches.offer(batch, 100, TimeUnit.MILLISECONDS)) {
          return true;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return false;
  }

  @Override
  public void close() throws InterruptedException {
    stopped = true;
    batches.clear();
    reader.join();
  }
}
