package gov.austintexas.atd.pipelines;

import com.fasterxml.jackson.core.JsonProcessingException;
import gov.austintexas.atd.transforms.failure.Failure;
import gov.austintexas.atd.transforms.json.Json;
import gov.austintexas.atd.transforms.socrata.SocrataWriteResult;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.SimpleFunction;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;

/**
 * Each dataset's {@link SocrataWriteResult} handed back to the launcher as data ({@link
 * RunResults}), so that what was written, and what failed, decides the exit code; never metrics.
 */
public final class SocrataResults {
  private static final String NAME = "socrata-results";
  private final RunResults results;

  public SocrataResults(RunResults results) {
    this.results = results;
  }

  /** Keeps every dataset's result; call once, with all of them. */
  public void collect(List<PCollection<SocrataWriteResult>> written) {
    if (written.isEmpty()) {
      return;
    }
    PCollectionList.of(written)
        .apply("All Socrata results", Flatten.pCollections())
        .apply("Socrata results as JSON", MapElements.via(new ToJsonFn()))
        .setCoder(StringUtf8Coder.of())
        .apply("Keep Socrata results", results.collect(NAME));
  }

  /** The results by dataset id, once the pipeline has finished. */
  public Map<String, SocrataWriteResult> read() {
    Map<String, SocrataWriteResult> byDataset = new HashMap<>();
    for (String json : results.read(NAME)) {
      try {
        SocrataWriteResult result = Json.MAPPER.readValue(json, SocrataWriteResult.class);
        byDataset.put(result.datasetId(), result);
      } catch (JsonProcessingException e) {
        throw new IllegalStateException("not a Socrata write result: " + json, e);
      }
    }
    return byDataset;
  }

  /**
   * Whether any row reached Socrata: a failure then leaves the destinations partly written (exit
   * 4).
   */
  public static boolean anyWritten(Map<String, SocrataWriteResult> results) {
    return results.values().stream()
        .anyMatch(
            r ->
                r.created() + r.updated() + r.deleted() > 0
                    || (r.rowsSent() > 0 && r.failures().isEmpty()));
  }

  /**
   * What failed in a dataset's write, one line each ({@code upsert chunk 2 (rows 1001-2000): HTTP
   * 500 ...}), or the rows Socrata counted as errors when nothing else failed; empty when it
   * succeeded.
   */
  public static List<String> failureLines(SocrataWriteResult result) {
    if (result.failures().isEmpty() && result.errors() > 0) {
      return List.of(result.errors() + " rows counted as errors by Socrata");
    }
    return result.failures().stream().map(Failure::whatAndWhy).toList();
  }

  static final class ToJsonFn extends SimpleFunction<SocrataWriteResult, String> {
    private static final long serialVersionUID = 1L;

    @Override
    public String apply(SocrataWriteResult result) {
      try {
        return Json.MAPPER.writeValueAsString(result);
      } catch (JsonProcessingException e) {
        throw new IllegalStateException(e);
      }
    }
  }
}
