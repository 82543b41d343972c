package gov.austintexas.atd.transforms.microstrategy;

import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeException;
import dev.failsafe.RetryPolicy;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a whole report page by page: logs in, runs the report (which answers the first page),
 * then fetches the later pages, up to {@code parallelPages} at a time, and hands them to a sink in
 * order. At most {@code parallelPages} pages are held at once, whatever the report's size.
 *
 * <p>A page that fails (a timeout, a dropped connection, a 5xx) is retried on its own with
 * backoff. A 401 means the session expired: the reader logs in again and runs the report anew
 * from the page that failed, and the later pages come from that new instance. It always logs
 * out of the session it holds at the end, whether the read succeeded or not.
 */
public final class ReportReader {
  private static final Logger LOG = LoggerFactory.getLogger(ReportReader.class);

  /** Receives the pages in order, on the thread that called {@link #read}. */
  public interface PageSink {
    void accept(ReportPage page) throws Exception;
  }

  /** What a read did: for the run's counters and log. */
  public record Summary(long rows, int pages, int retries, int sessionRenewals) {}

  private final MicroStrategyClient client;
  private final MicroStrategyConfig config;
  private final int pageSize;
  private final int parallelPages;

  public ReportReader(MicroStrategyClient client, MicroStrategyConfig config, int pageSize, int parallelPages) {
    if (pageSize < 1 || parallelPages < 1) {
      throw new IllegalArgumentException("page size and parallel pages must be at least 1");
    }
    this.client = client;
    this.config = config;
    this.pageSize = pageSize;
    this.parallelPages = parallelPages;
  }

  public Summary read(String reportId, PageSink sink) throws Exception {
    AtomicInteger retries = new AtomicInteger();
    RetryPolicy<InstancePage> retryPolicy =
        RetryPolicy.<InstancePage>builder()
            .handleIf(ReportReader::isTransient)
            .withBackoff(config.firstBackoff(), max(config.firstBackoff(), Duration.ofSeconds(10)))
            .withMaxRetries(config.maxRetries())
            .onRetry(
                event -> {
                  retries.incrementAndGet();
                  LOG.warn("MicroStrategy call failed ({}); retry {} of {}",
                      event.getLastException(), event.getAttemptCount(), config.maxRetries());
                })
            .build();
    ReportCursor cursor = new ReportCursor(reportId);
    ExecutorService pool = Executors.newFixedThreadPool(parallelPages, daemon("microstrategy-page"));
    try {
      InstancePage first = fetch(cursor, 0, retryPolicy);
      long total = first.total();
      long rows = check(first, 0, total);
      sink.accept(first.page());
      int pages = 1;

      Deque<Future<InstancePage>> inFlight = new ArrayDeque<>();
      long next = pageSize;
      while (next < total || !inFlight.isEmpty()) {
        while (next < total && inFlight.size() < parallelPages) {
          long offset = next;
          inFlight.add(pool.submit(() -> fetch(cursor, offset, retryPolicy)));
          next += pageSize;
        }
        InstancePage page = await(inFlight.removeFirst());
        rows += check(page, (long) pages * pageSize, total); // pages come back in the order asked
        if (!page.page().columns().equals(first.page().columns())) {
          throw new IllegalStateException("report " + reportId + " changed its columns while it was read: "
              + first.page().columns() + ", then " + page.page().columns());
        }
        sink.accept(page.page());
        pages++;
      }
      if (rows != total) {
        throw new IllegalStateException("report " + reportId + " gave " + rows + " rows of the " + total + " it announced");
      }
      return new Summary(rows, pages, retries.get(), cursor.renewals());
    } finally {
      pool.shutdownNow();
      cursor.logout();
    }
  }

  /** One page, retried on its own; on an expired session, from a new session and instance. */
  private InstancePage fetch(ReportCursor cursor, long offset, RetryPolicy<InstancePage> retryPolicy)
      throws IOException {
    try {
      return Failsafe.with(retryPolicy).get(() -> cursor.page(offset));
    } catch (FailsafeException wrapped) {
      if (wrapped.getCause() instanceof IOException io) {
        throw io;
      }
      throw wrapped;
    }
  }

  /** The page must start where asked and be full unless it is the last. */
  private long check(InstancePage answer, long offset, long total) {
    if (answer.total() != total) {
      throw new IllegalStateException("the report's row count changed while it was read: " + total + ", then "
          + answer.total() + " (from row " + offset + ")");
    }
    long expected = Math.min(pageSize, total - offset);
    if (answer.page().offset() != offset || answer.page().rows().size() != expected) {
      throw new IllegalStateException("asked for " + expected + " rows from row " + offset + ", got "
          + answer.page().rows().size() + " from row " + answer.page().offset());
    }
    return expected;
  }

  private static InstancePage await(Future<InstancePage> page) throws Exception {
    try {
      return page.get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof Exception cause) {
        throw cause;
      }
      throw e;
    }
  }

  static boolean isTransient(Throwable failure) {
    return failure instanceof IOException
        || (failure instanceof MicroStrategyException server && server.isTransient());
  }

  private static Duration max(Duration a, Duration b) {
    return a.compareTo(b) >= 0 ? a : b;
  }

  private static java.util.concurrent.ThreadFactory daemon(String name) {
    return runnable -> {
      Thread thread = new Thread(runnable, name);
      thread.setDaemon(true);
      return thread;
    };
  }

  /**
   * The session and report instance that pages are read from, shared by the page threads and
   * replaced as a whole when the session expires.
   */
  private final class ReportCursor {
    private final String reportId;
    private Session session;
    private String instanceId;
    private int generation;
    private int renewals;

    ReportCursor(String reportId) {
      this.reportId = reportId;
    }

    InstancePage page(long offset) throws IOException {
      // Each pass either reads the page or follows a renewal made by another page thread.
      for (int pass = 0; pass < 10; pass++) {
        Session current;
        String instance;
        int seen;
        synchronized (this) {
          current = session;
          instance = instanceId;
          seen = generation;
        }
        if (current != null) {
          try {
            return client.page(current, reportId, instance, offset, pageSize);
          } catch (MicroStrategyException.SessionExpired expired) {
            LOG.info("MicroStrategy session expired at row {}; logging in again", offset);
          }
        }
        InstancePage renewed = renew(seen, offset);
        if (renewed != null) {
          return renewed;
        }
      }
      throw new MicroStrategyException.SessionExpired(
          "MicroStrategy sessions kept expiring while reading report " + reportId + " from row " + offset, null);
    }

    /**
     * A new session and a new instance of the report whose first page starts at {@code offset};
     * null when another page thread has renewed the session since {@code seen}.
     */
    private synchronized InstancePage renew(int seen, long offset) throws IOException {
      if (seen != generation) {
        return null;
      }
      Session fresh = client.login();
      InstancePage answer;
      try {
        answer = client.createInstance(fresh, reportId, offset, pageSize);
      } catch (IOException | RuntimeException e) {
        quietLogout(fresh);
        throw e;
      }
      if (session != null) {
        renewals++;
      }
      session = fresh;
      instanceId = answer.instanceId();
      generation++;
      return answer;
    }

    synchronized int renewals() {
      return renewals;
    }

    synchronized void logout() {
      if (session != null) {
        quietLogout(session);
        session = null;
      }
    }

    private void quietLogout(Session toEnd) {
      try {
        client.logout(toEnd);
      } catch (IOException | RuntimeException e) {
        // The session times out on its own; a failed logout must not hide the read's outcome.
        LOG.warn("MicroStrategy logout failed: {}", e.toString());
      }
    }
  }
}
