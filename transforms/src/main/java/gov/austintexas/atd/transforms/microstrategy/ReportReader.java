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
 * Reads a whole report page by page: logs in, runs the report (which answers the first page), then
 * fetches the later pages, up to {@code parallelPages} at a time, and hands them to a sink in
 * order. At most {@code parallelPages} pages are held at once, whatever the report's size.
 *
 * <p>Every page must agree with the first: the same row count and columns, starting where it was
 * asked and full unless it is the last; anything else is an {@link InconsistentGridException}
 * naming the report, page and row.
 *
 * <p>A page that fails (a timeout, a dropped connection, a 5xx) is retried on its own with backoff.
 * A 401 means the session expired: the reader logs in again and asks for the same page of the same
 * instance. If the server no longer knows the instance in the new session, the read starts over:
 * the sink forgets what it has, and a new instance is read from row 0, so the pages always come
 * from one execution of the report. It always logs out of the session it holds at the end, whether
 * the read succeeded or not.
 */
public final class ReportReader {
  private static final Logger LOG = LoggerFactory.getLogger(ReportReader.class);

  /** A report whose instances keep getting lost is not read at all rather than forever. */
  static final int MAX_START_OVERS = 3;

  /** Receives the pages in order, on the thread that called {@link #read}. */
  public interface PageSink {
    void accept(ReportPage page) throws Exception;

    /**
     * Forgets every page accepted so far: the read starts over on a new execution of the report.
     */
    void restart() throws Exception;
  }

  /** What a read did: for the run's counters and log. */
  public record Summary(long rows, int pages, int retries, int sessionRenewals, int startOvers) {}

  private final MicroStrategyClient client;
  private final MicroStrategyConfig config;
  private final int pageSize;
  private final int parallelPages;

  public ReportReader(
      MicroStrategyClient client, MicroStrategyConfig config, int pageSize, int parallelPages) {
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
                  LOG.warn(
                      "MicroStrategy call failed ({}); retry {} of {}",
                      event.getLastException(),
                      event.getAttemptCount(),
                      config.maxRetries());
                })
            .build();
    ReportCursor cursor = new ReportCursor(reportId);
    ExecutorService pool =
        Executors.newFixedThreadPool(parallelPages, daemon("microstrategy-page"));
    try {
      for (int startOvers = 0; ; startOvers++) {
        try {
          long[] rowsAndPages = readOnce(reportId, cursor, sink, retryPolicy, pool);
          return new Summary(
              rowsAndPages[0], (int) rowsAndPages[1], retries.get(), cursor.renewals(), startOvers);
        } catch (MicroStrategyException.InstanceLost lost) {
          if (startOvers == MAX_START_OVERS) {
            throw lost;
          }
          LOG.warn("{}; reading report {} again from row 0", lost.getMessage(), reportId);
          sink.restart();
        }
      }
    } finally {
      pool.shutdownNow();
      cursor.logout();
    }
  }

  /** One execution of the report, read whole: its row and page counts. */
  private long[] readOnce(
      String reportId,
      ReportCursor cursor,
      PageSink sink,
      RetryPolicy<InstancePage> retryPolicy,
      ExecutorService pool)
      throws Exception {
    InstancePage first = retried(cursor::start, retryPolicy);
    long total = first.total();
    long rows = check(reportId, first, 0, total);
    sink.accept(first.page());
    int pages = 1;

    Deque<Future<InstancePage>> inFlight = new ArrayDeque<>();
    try {
      long next = pageSize;
      while (next < total || !inFlight.isEmpty()) {
        while (next < total && inFlight.size() < parallelPages) {
          long offset = next;
          inFlight.add(pool.submit(() -> retried(() -> cursor.page(offset), retryPolicy)));
          next += pageSize;
        }
        long offset = (long) pages * pageSize; // pages come back in the order asked
        InstancePage page = await(inFlight.removeFirst());
        rows += check(reportId, page, offset, total);
        if (!page.page().columns().equals(first.page().columns())) {
          throw new InconsistentGridException(
              MicroStrategyClient.page(reportId, offset, pageSize)
                  + ": the columns changed while the report was read: "
                  + first.page().columns()
                  + " on page 1, "
                  + page.page().columns()
                  + " here");
        }
        sink.accept(page.page());
        pages++;
      }
    } finally {
      inFlight.forEach(page -> page.cancel(true));
    }
    return new long[] {rows, pages};
  }

  private interface Call {
    InstancePage get() throws IOException;
  }

  /** One call, retried on its own when it fails for a transient reason. */
  private static InstancePage retried(Call call, RetryPolicy<InstancePage> retryPolicy)
      throws IOException {
    try {
      return Failsafe.with(retryPolicy).get(call::get);
    } catch (FailsafeException wrapped) {
      if (wrapped.getCause() instanceof IOException io) {
        throw io;
      }
      throw wrapped;
    }
  }

  /**
   * The page must hold the row count of the first, start where asked, and be full unless it is the
   * last: no rows beyond the total, none missing.
   */
  private long check(String reportId, InstancePage answer, long offset, long total) {
    String where = MicroStrategyClient.page(reportId, offset, pageSize);
    if (answer.total() != total) {
      throw new InconsistentGridException(
          where
              + ": the report's row count changed while it was read: "
              + total
              + " on page 1, "
              + answer.total()
              + " here");
    }
    if (answer.page().offset() != offset) {
      throw new InconsistentGridException(
          where + ": the answer holds the rows from row " + answer.page().offset());
    }
    long expected = Math.min(pageSize, total - offset);
    int got = answer.page().rows().size();
    if (got > expected && offset + got > total) {
      throw new InconsistentGridException(
          where + ": row " + total + " and later are beyond the report's " + total + " rows");
    }
    if (got != expected) {
      throw new InconsistentGridException(
          where
              + ": "
              + got
              + " rows where "
              + expected
              + " were due, from row "
              + (offset + Math.min(got, expected)));
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
   * The session and report instance that pages are read from, shared by the page threads. The
   * session is replaced when it expires; the instance only when the read starts over.
   */
  private final class ReportCursor {
    private final String reportId;
    private Session session;
    private int sessionGeneration;
    private String instanceId;
    private int instanceGeneration; // the session generation the instance was made in
    private int renewals;

    ReportCursor(String reportId) {
      this.reportId = reportId;
    }

    /** A new execution of the report, answered with its first page. */
    InstancePage start() throws IOException {
      for (int pass = 0; pass < 10; pass++) {
        Session current;
        int seen;
        synchronized (this) {
          if (session == null) {
            session = client.login();
          }
          current = session;
          seen = sessionGeneration;
        }
        try {
          InstancePage first = client.createInstance(current, reportId, 0, pageSize);
          synchronized (this) {
            instanceId = first.instanceId();
            instanceGeneration = seen;
          }
          return first;
        } catch (MicroStrategyException.SessionExpired expired) {
          LOG.info("MicroStrategy session expired running report {}; logging in again", reportId);
          renew(seen);
        }
      }
      throw keptExpiring(0);
    }

    /** A later page of the current instance, in a renewed session if the old one expired. */
    InstancePage page(long offset) throws IOException {
      // Each pass either reads the page or follows a renewal, by this thread or another.
      for (int pass = 0; pass < 10; pass++) {
        Session current;
        String instance;
        int seen;
        int made;
        synchronized (this) {
          current = session;
          instance = instanceId;
          seen = sessionGeneration;
          made = instanceGeneration;
        }
        try {
          return client.page(current, reportId, instance, offset, pageSize);
        } catch (MicroStrategyException.SessionExpired expired) {
          LOG.info("MicroStrategy session expired at row {}; logging in again", offset);
          renew(seen);
        } catch (MicroStrategyException refused) {
          if (refused.status() == 404 && seen != made) {
            throw new MicroStrategyException.InstanceLost(
                MicroStrategyClient.page(reportId, offset, pageSize)
                    + ": instance "
                    + instance
                    + " of the report was lost with its expired session ("
                    + refused.getMessage()
                    + ")",
                refused.code());
          }
          throw refused;
        }
      }
      throw keptExpiring(offset);
    }

    private MicroStrategyException keptExpiring(long offset) {
      return new MicroStrategyException.SessionExpired(
          "MicroStrategy sessions kept expiring while reading report "
              + reportId
              + " from row "
              + offset,
          null);
    }

    /** A new session, unless another page thread has renewed it since {@code seen}. */
    private synchronized void renew(int seen) throws IOException {
      if (seen != sessionGeneration) {
        return;
      }
      // The expired session needs no logout: the server has already ended it.
      session = client.login();
      sessionGeneration++;
      renewals++;
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
