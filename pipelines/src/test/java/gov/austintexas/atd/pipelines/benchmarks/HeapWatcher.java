package gov.austintexas.atd.pipelines.benchmarks;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * Peak live heap during a benchmark: the largest heap in use right after a garbage collection,
 * which is what the run really holds (heap in use between collections is mostly garbage).
 */
final class HeapWatcher implements AutoCloseable {
  private final AtomicLong peakAfterGc = new AtomicLong();
  private final List<Runnable> unsubscribe = new ArrayList<>();

  HeapWatcher() {
    System.gc();
    NotificationListener listener =
        (notification, handback) -> {
          if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(
              notification.getType())) {
            return;
          }
          GarbageCollectionNotificationInfo info =
              GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
          long used =
              info.getGcInfo().getMemoryUsageAfterGc().values().stream()
                  .mapToLong(MemoryUsage::getUsed)
                  .sum();
          peakAfterGc.accumulateAndGet(used, Math::max);
        };
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      NotificationEmitter emitter = (NotificationEmitter) gc;
      emitter.addNotificationListener(listener, null, null);
      unsubscribe.add(
          () -> {
            try {
              emitter.removeNotificationListener(listener);
            } catch (Exception ignored) {
              // Already gone.
            }
          });
    }
  }

  long peakLiveBytes() {
    return peakAfterGc.get();
  }

  @Override
  public void close() {
    unsubscribe.forEach(Runnable::run);
  }
}
