package gov.austintexas.atd.standins.knack;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The last {@code capacity} requests in arrival order; a request's entry is replaced once it is
 * answered, so the log shows its status.
 */
final class RequestLog<R> {
  private final Map<Long, R> entries;
  private long arrivals;

  RequestLog(int capacity) {
    entries =
        new LinkedHashMap<>() {
          @Override
          protected boolean removeEldestEntry(Map.Entry<Long, R> eldest) {
            return size() > capacity;
          }
        };
  }

  /** Logs a request that has arrived, dropping the oldest past the capacity; returns its entry. */
  synchronized long arrived(R request) {
    entries.put(++arrivals, request);
    return arrivals;
  }

  /** Replaces the entry with its answered request, unless the entry has already left the log. */
  synchronized void answered(long entry, R request) {
    entries.replace(entry, request);
  }

  synchronized List<R> requests() {
    return List.copyOf(entries.values());
  }
}
