package gov.austintexas.atd.transforms.knack;

import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;

/** The counters of a Knack publishing run, in one namespace so a run summary can find them. */
public final class KnackMetrics {
  public static final String NAMESPACE = "knack";

  public static final String KNACK_RECORDS_READ = "knack_records_read";
  public static final String TO_CREATE = "to_create";
  public static final String TO_UPDATE = "to_update";
  public static final String UNCHANGED = "unchanged";
  public static final String KNACK_ONLY = "knack_only";
  public static final String KNACK_DUPLICATE_KEYS = "knack_duplicate_keys";
  public static final String CREATED = "created";
  public static final String UPDATED = "updated";
  public static final String FAILED = "failed";

  private KnackMetrics() {}

  static Counter counter(String name) {
    return Metrics.counter(NAMESPACE, name);
  }
}
