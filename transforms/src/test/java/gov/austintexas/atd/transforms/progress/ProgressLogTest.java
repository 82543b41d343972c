package gov.austintexas.atd.transforms.progress;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.util.SerializableUtils;
import org.junit.jupiter.api.Test;

/** Progress lines at a steady interval, on a clock the test moves. */
class ProgressLogTest {
  private final long[] now = {0};
  private final List<String> lines = new ArrayList<>();

  private ProgressLog progress(int checkEvery) {
    return ProgressLog.of("finance-to-s3 read task_orders", "rows")
        .checkingTimeEvery(checkEvery)
        .withTicker(() -> now[0])
        .withSink(lines::add);
  }

  private void advance(Duration by) {
    now[0] += by.toNanos();
  }

  @Test
  void logsOnceEachIntervalWithCountRateAndElapsedTime() {
    ProgressLog log = progress(1);
    log.add(1);
    advance(Duration.ofSeconds(4));
    log.add(49_999);
    assertEquals(List.of(), lines, "nothing before 10 s");
    advance(Duration.ofSeconds(8));
    log.add(1_200_000);
    advance(Duration.ofSeconds(1));
    log.add(10);
    assertEquals(
        List.of("finance-to-s3 read task_orders: 1,250,000 rows, 104,167 rows/s, 12 s"), lines);
    advance(Duration.ofSeconds(8));
    log.add(0);
    assertEquals(1, lines.size(), "the next line 10 s after the last");
    advance(Duration.ofSeconds(1));
    log.add(0);
    log.finish();
    assertEquals(
        List.of(
            "finance-to-s3 read task_orders: 1,250,000 rows, 104,167 rows/s, 12 s",
            "finance-to-s3 read task_orders: 1,250,010 rows, 56,819 rows/s, 22 s",
            "finance-to-s3 read task_orders: done, 1,250,010 rows, 56,819 rows/s, 22 s"),
        lines);
  }

  @Test
  void readsTheClockOnlyEveryNCalls() {
    ProgressLog log = progress(1000);
    log.add(1);
    advance(Duration.ofSeconds(30));
    for (int i = 0; i < 998; i++) {
      log.add(1);
    }
    assertEquals(List.of(), lines, "999 calls: the clock was not read yet");
    log.add(1);
    assertEquals(List.of("finance-to-s3 read task_orders: 1,000 rows, 33 rows/s, 30 s"), lines);
  }

  @Test
  void nothingDoneLogsNothing() {
    ProgressLog log = progress(1);
    log.finish();
    assertEquals(List.of(), lines);
  }

  @Test
  void survivesSerializationAsConfigurationOnly() {
    ProgressLog log = ProgressLog.of("bond-data load", "rows");
    log.add(5);
    ProgressLog copy = SerializableUtils.clone(log);
    assertEquals(0, copy.count(), "counts are per instance, not shipped");
  }
}
