package gov.austintexas.atd.pipelines;

import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.metrics.MetricNameFilter;
import org.apache.beam.sdk.metrics.MetricResult;
import org.apache.beam.sdk.metrics.MetricsFilter;

/** Totals of a finished run's counters, for its summary. */
public final class RunCounters {
  private RunCounters() {}

  /** The sum over every step of the counters matching any of {@code names} (attempted values). */
  public static long total(PipelineResult result, MetricNameFilter... names) {
    MetricsFilter.Builder filter = MetricsFilter.builder();
    for (MetricNameFilter name : names) {
      filter.addNameFilter(name);
    }
    long total = 0;
    for (MetricResult<Long> counter : result.metrics().queryMetrics(filter.build()).getCounters()) {
      total += counter.getAttempted();
    }
    return total;
  }
}
