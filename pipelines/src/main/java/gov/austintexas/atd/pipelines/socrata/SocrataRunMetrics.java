package gov.austintexas.atd.pipelines.socrata;

import gov.austintexas.atd.pipelines.RunCounters;
import gov.austintexas.atd.transforms.socrata.SocrataMetrics;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.metrics.MetricNameFilter;
import org.apache.beam.sdk.metrics.MetricResult;
import org.apache.beam.sdk.metrics.MetricsFilter;
import org.apache.beam.sdk.metrics.StringSetResult;

/** What a finished run's SocrataIO writes reported for one dataset, read from its metrics. */
public final class SocrataRunMetrics {
  private SocrataRunMetrics() {}

  /** A SocrataIO counter of the dataset: {@link SocrataMetrics#CREATED}, {@link SocrataMetrics#DELETED}, ... */
  public static long count(PipelineResult result, String datasetId, String what) {
    return RunCounters.total(result, MetricNameFilter.named(SocrataMetrics.NAMESPACE, SocrataMetrics.name(datasetId, what)));
  }

  /** The dataset's failure descriptions, from SocrataIO's string set, sorted (chunk order). */
  public static List<String> failures(PipelineResult result, String datasetId) {
    MetricsFilter filter = MetricsFilter.builder()
        .addNameFilter(MetricNameFilter.named(SocrataMetrics.NAMESPACE, SocrataMetrics.name(datasetId, SocrataMetrics.FAILURES)))
        .build();
    TreeSet<String> all = new TreeSet<>();
    for (MetricResult<StringSetResult> set : result.metrics().queryMetrics(filter).getStringSets()) {
      all.addAll(set.getAttempted().getStringSet());
    }
    return new ArrayList<>(all);
  }
}
