package gov.austintexas.atd.transforms.knack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.ToLongFunction;
import org.junit.jupiter.api.Test;

class RequestWindowTest {
  private static final long WINDOW = 200_000_000L; // 200 ms
  private static final int LIMIT = 5;

  /** When a request started (its acquire returned) and ended (just before its release). */
  private record Span(long start, long end) {}

  /** The most stamps within any half-open window, as the Knack emulator counts them. */
  private static int mostInAnyWindow(List<Span> spans, ToLongFunction<Span> stamp) {
    long[] sorted = spans.stream().mapToLong(stamp).sorted().toArray();
    int most = 0;
    for (int first = 0, last = 0; last < sorted.length; last++) {
      while (sorted[last] - sorted[first] >= WINDOW) {
        first++;
      }
      most = Math.max(most, last - first + 1);
    }
    return most;
  }

  @Test
  void noWindowHoldsMoreThanTheLimitWhereverTheServerStampsEachRequest() throws Exception {
    RequestWindow window = new RequestWindow(LIMIT, WINDOW);
    List<Span> spans = Collections.synchronizedList(new ArrayList<>());
    ExecutorService threads = Executors.newFixedThreadPool(4);
    List<Future<?>> senders = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      Random random = new Random(t);
      senders.add(
          threads.submit(
              () -> {
                for (int i = 0; i < 12; i++) {
                  window.acquire();
                  long start = System.nanoTime();
                  Thread.sleep(random.nextInt(40)); // the request and its answer
                  spans.add(new Span(start, System.nanoTime()));
                  window.release();
                }
                return null;
              }));
    }
    for (Future<?> sender : senders) {
      sender.get();
    }
    threads.shutdown();

    assertEquals(48, spans.size());
    // A server stamps a request between its start and its end: the earliest, the latest, and in
    // between.
    Random random = new Random(42);
    List<Long> between = new ArrayList<>();
    spans.forEach(
        span ->
            between.add(span.start() + (long) (random.nextDouble() * (span.end() - span.start()))));
    assertTrue(mostInAnyWindow(spans, Span::start) <= LIMIT, "by start");
    assertTrue(mostInAnyWindow(spans, Span::end) <= LIMIT, "by end");
    List<Span> atRandom = new ArrayList<>();
    between.forEach(stamp -> atRandom.add(new Span(stamp, stamp)));
    assertTrue(mostInAnyWindow(atRandom, Span::start) <= LIMIT, "in between");
  }

  @Test
  void aFilledWindowMakesTheNextRequestWaitOneWindow() throws Exception {
    RequestWindow window = new RequestWindow(LIMIT, WINDOW);
    window.fill();
    long before = System.nanoTime();
    window.acquire();
    assertTrue(
        System.nanoTime() - before >= WINDOW,
        "the first request after fill() waits a whole window");
    window.release();
  }

  @Test
  void aLimitBelowOneIsRefused() {
    IllegalArgumentException refused =
        assertThrows(IllegalArgumentException.class, () -> new RequestWindow(0, WINDOW));
    assertEquals("a request window needs a limit of at least 1, not 0", refused.getMessage());
  }
}
