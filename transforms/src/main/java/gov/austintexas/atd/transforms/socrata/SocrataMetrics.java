package gov.austintexas.atd.transforms.socrata;

import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;

/**
 * The counters of Socrata writes, per dataset, in one namespace so a run summary can find them:
 * {@code socrata/<datasetId>.created}, {@code .updated}, {@code .deleted}, {@code .errors}, {@code
 * .rows_sent}. The failures themselves are data, in each {@link SocrataWriteResult}.
 */
public final class SocrataMetrics {
  public static final String NAMESPACE = "socrata";
  public static final String CREATED = "created";
  public static final String UPDATED = "updated";
  public static final String DELETED = "deleted";
  public static final String ERRORS = "errors";
  public static final String ROWS_SENT = "rows_sent";

  private SocrataMetrics() {}

  /** {@code <datasetId>.<what>}, the metric's name. */
  public static String name(String datasetId, String what) {
    return datasetId + "." + what;
  }

  /** Counts a result in the calling thread, where Beam's metrics container is. */
  static void count(SocrataWriteResult result) {
    String id = result.datasetId();
    counter(id, ROWS_SENT).inc(result.rowsSent());
    counter(id, CREATED).inc(result.created());
    counter(id, UPDATED).inc(result.updated());
    counter(id, DELETED).inc(result.deleted());
    counter(id, ERRORS).inc(result.errors());
  }

  private static Counter counter(String datasetId, String what) {
    return Metrics.counter(NAMESPACE, name(datasetId, what));
  }
}
