package gov.austintexas.atd.transforms.progress;

import java.io.Serializable;
import java.time.Duration;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs how far a long phase has come, at a steady interval: {@code "finance-to-s3 read task_orders:
 * 1,250,000 rows, 104,000 rows/s, 12 s"}. Held by the DoFn (or row mapper) that loops over the rows
 * or pages; it is configuration when serialized, and each deserialized instance counts for itself,
 * so a worker logs what it did. The clock is read only every {@code checkEvery} calls, so a
 * million-row loop pays for a counter increment and little else.
 */
public final class ProgressLog implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(ProgressLog.class);

  /** A monotonic clock in nanoseconds; tests give a fixed one. */
  public interface Ticker extends Serializable {
    long nanos();
  }

  /** Where the lines go; SLF4J at INFO unless a test collects them. */
  public interface Sink extends Serializable {
    void log(String line);
  }

  private final String what;
  private final String unit;
  private final long intervalNanos;
  private final int checkEvery;
  private final Ticker ticker;
  private final Sink sink;

  private transient boolean started;
  private transient long count;
  private transient int sinceCheck;
  private transient long startNanos;
  private transient long lastLogNanos;

  private ProgressLog(
      String what, String unit, long intervalNanos, int checkEvery, Ticker ticker, Sink sink) {
    this.what = what;
    this.unit = unit;
    this.intervalNanos = intervalNanos;
    this.checkEvery = checkEvery;
    this.ticker = ticker;
    this.sink = sink;
  }

  /** Every 10 s, checking the clock every call: for slow loops (pages, API calls). */
  public static ProgressLog of(String what, String unit) {
    return new ProgressLog(
        what, unit, Duration.ofSeconds(10).toNanos(), 1, System::nanoTime, ProgressLog::info);
  }

  public ProgressLog every(Duration interval) {
    return new ProgressLog(what, unit, interval.toNanos(), checkEvery, ticker, sink);
  }

  /** Reads the clock only every {@code calls} calls: for loops over many cheap rows. */
  public ProgressLog checkingTimeEvery(int calls) {
    return new ProgressLog(what, unit, intervalNanos, Math.max(1, calls), ticker, sink);
  }

  public ProgressLog withTicker(Ticker ticker) {
    return new ProgressLog(what, unit, intervalNanos, checkEvery, ticker, sink);
  }

  public ProgressLog withSink(Sink sink) {
    return new ProgressLog(what, unit, intervalNanos, checkEvery, ticker, sink);
  }

  /** Counts {@code done} more rows (or records, or pages) and logs when the interval has passed. */
  public void add(long done) {
    if (!started) {
      started = true;
      startNanos = ticker.nanos();
      lastLogNanos = startNanos;
    }
    count += done;
    if (++sinceCheck < checkEvery) {
      return;
    }
    sinceCheck = 0;
    long now = ticker.nanos();
    if (now - lastLogNanos >= intervalNanos) {
      lastLogNanos = now;
      sink.log(line(now, ""));
    }
  }

  /** Logs the total once the loop is over (nothing when there was nothing), and starts afresh. */
  public void finish() {
    if (started && count > 0) {
      sink.log(line(ticker.nanos(), "done, "));
    }
    started = false;
    count = 0;
    sinceCheck = 0;
  }

  /** A static method, so the default sink serializes without the logger. */
  private static void info(String line) {
    LOG.info(line);
  }

  public long count() {
    return count;
  }

  private String line(long now, String state) {
    long elapsed = now - startNanos;
    long rate = elapsed <= 0 ? 0 : Math.round(count * 1e9 / elapsed);
    return String.format(
        Locale.US,
        "%s: %s%,d %s, %,d %s/s, %d s",
        what,
        state,
        count,
        unit,
        rate,
        unit,
        elapsed / 1_000_000_000L);
  }
}
