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

  /** List calls that looked a batch's create keys up, before and after sending them. */
  public static final String LOOKUPS = "lookups";

  /** Planned creates found in Knack by the lookup and sent as updates. */
  public static final String FOUND_UPDATED = "found_updated";

  /** Planned creates found in Knack already equal: nothing sent. */
  public static final String FOUND_UNCHANGED = "found_unchanged";

  /** Records this run created that an overlapping run had created first, deleted again. */
  public static final String DUPLICATES_REMOVED = "duplicates_removed";

  private KnackMetrics() {}

  static Counter counter(String name) {
    return Metrics.counter(NAMESPACE, name);
  }
}
