package gov.austintexas.atd.transforms.knack;

import dev.failsafe.RateLimiter;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * One rate limiter per Knack app per worker JVM. Knack limits each app to a number of requests
 * per second, whatever sends them, so every DoFn instance and thread in this JVM that talks to an
 * app draws from the same limiter. This is deliberately JVM-wide, like a connection pool: a
 * limiter per DoFn instance would multiply the rate by the number of threads.
 */
final class KnackRateLimiters {
  private static final ConcurrentMap<String, RateLimiter<Object>> LIMITERS = new ConcurrentHashMap<>();

  private KnackRateLimiters() {}

  static RateLimiter<Object> forApp(KnackApp app) {
    return LIMITERS.computeIfAbsent(
        app.appId() + "@" + app.apiUrl() + "@" + app.requestsPerSecond(),
        key ->
            RateLimiter.smoothBuilder(Duration.ofNanos((long) (1e9 / app.requestsPerSecond())))
                .withMaxWaitTime(Duration.ofHours(1))
                .build());
  }
}
