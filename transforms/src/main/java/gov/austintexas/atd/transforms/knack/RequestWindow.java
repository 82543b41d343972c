package gov.austintexas.atd.transforms.knack;

import java.util.ArrayDeque;

/**
 * At most {@code limit} requests in any {@code window}, however the server times them.
 *
 * <p>A server stamps a request somewhere between the moment it was sent and the moment its answer
 * came back, and a pause of the sending JVM (a collection, a busy machine) moves that stamp within
 * those bounds. So a request counts against the window from {@link #acquire} until one window after
 * its {@link #release}: a new one starts only when fewer than {@code limit} are in flight or ended
 * within the last window. Then any window of the server's clock holds at most {@code limit} stamps
 * (the newest request of a window sees all the others of it as counted), whereas pacing permits
 * evenly lets requests sent apart arrive together after a pause, and several threads waiting on
 * reserved permits start at once. The price is the answer time: one thread that waits for each
 * answer sends {@code limit} requests per window plus one answer.
 *
 * <p>Thread-safe; one per client, so per DoFn instance: not serializable.
 */
final class RequestWindow {
  private final int limit;
  private final long windowNanos;

  /** When each of the requests ended within the last window, oldest first. */
  private final ArrayDeque<Long> ended = new ArrayDeque<>();

  private int inFlight;

  RequestWindow(int limit, long windowNanos) {
    if (limit < 1) {
      throw new IllegalArgumentException(
          "a request window needs a limit of at least 1, not " + limit);
    }
    this.limit = limit;
    this.windowNanos = windowNanos;
  }

  /** Waits until one more request fits; every acquire must be followed by one {@link #release}. */
  synchronized void acquire() throws InterruptedException {
    while (true) {
      long now = System.nanoTime();
      while (!ended.isEmpty() && now - ended.peekFirst() >= windowNanos) {
        ended.removeFirst();
      }
      if (inFlight + ended.size() < limit) {
        inFlight++;
        return;
      }
      if (ended.isEmpty()) {
        wait(); // all in flight: the first release frees a place a window later
      } else {
        long waitNanos = windowNanos - (now - ended.peekFirst());
        wait(waitNanos / 1_000_000, (int) (waitNanos % 1_000_000));
      }
    }
  }

  /** The request has its answer (or failed): it counts for one window more. */
  synchronized void release() {
    inFlight--;
    ended.addLast(System.nanoTime());
    notifyAll();
  }

  /**
   * Counts {@code limit} requests as just ended, so the next request waits one window: another
   * client of the same app (the step before this one) may have sent its last requests a moment ago.
   */
  synchronized void fill() {
    long now = System.nanoTime();
    ended.clear();
    for (int i = 0; i < limit; i++) {
      ended.addLast(now);
    }
    notifyAll();
  }
}
