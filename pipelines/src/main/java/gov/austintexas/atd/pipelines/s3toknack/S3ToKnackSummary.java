package gov.austintexas.atd.pipelines.s3toknack;

import com.fasterxml.jackson.databind.node.ObjectNode;
import gov.austintexas.atd.pipelines.OutageException;
import gov.austintexas.atd.pipelines.RunCounters;
import gov.austintexas.atd.pipelines.WriteFailedException;
import gov.austintexas.atd.transforms.json.Json;
import gov.austintexas.atd.transforms.json.JsonArrayElements;
import gov.austintexas.atd.transforms.json.ReadJsonArrayFile;
import gov.austintexas.atd.transforms.knack.KnackMetrics;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.apache.beam.sdk.metrics.MetricNameFilter;

/**
 * A finished run's summary lines, from its counters and its dead-letter file; a dry run's counts go
 * to its plan file. Records that could not be written end the run with exit code 4 (some were
 * written) or 1 (none were).
 */
final class S3ToKnackSummary {
  private S3ToKnackSummary() {}

  static List<String> of(PipelineResult result, S3ToKnackConfig config) {
    if (config.dryRun()) {
      writePlanCounts(result, config.mapping(), config.planFile());
    }
    long deadLetters =
        config.dryRun() ? 0 : deadLetters(config.deadLetterDir() + config.deadLetterFile());
    return summarize(
        result,
        config.mapping(),
        config.dryRun(),
        config.detailsAt(),
        config.rails(),
        deadLetters,
        config.label());
  }

  /**
   * How many records failed: the dead-letter file's records (data, unlike a counter a retried
   * bundle inflates).
   */
  private static long deadLetters(String file) {
    try (InputStream in =
        Channels.newInputStream(FileSystems.open(FileSystems.matchNewResource(file, false)))) {
      return JsonArrayElements.count(in);
    } catch (IOException e) {
      throw new UncheckedIOException("could not read the dead letters " + file, e);
    }
  }

  /** The dry run's counts, next to its creates and updates, once the pipeline has finished. */
  private static void writePlanCounts(PipelineResult result, KnackMapping mapping, String path) {
    ObjectNode counts =
        Json.MAPPER
            .createObjectNode()
            .put("record_type", mapping.recordType())
            .put("app", mapping.app())
            .put("object", mapping.object())
            .put("read", counter(result, "read"))
            .put("knack_records", counter(result, KnackMetrics.KNACK_RECORDS_READ))
            .put("create", counter(result, KnackMetrics.TO_CREATE))
            .put("update", counter(result, KnackMetrics.TO_UPDATE))
            .put("unchanged", counter(result, KnackMetrics.UNCHANGED))
            .put("knack_only", counter(result, KnackMetrics.KNACK_ONLY))
            .put("knack_duplicate_keys", counter(result, KnackMetrics.KNACK_DUPLICATE_KEYS));
    ResourceId file = FileSystems.matchNewResource(path, false);
    try (OutputStream out =
        Channels.newOutputStream(FileSystems.create(file, "application/json"))) {
      out.write((counts.toString() + "\n").getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("could not write " + path, e);
    }
  }

  private static List<String> summarize(
      PipelineResult result,
      KnackMapping mapping,
      boolean dryRun,
      String detailsAt,
      List<ShareLimit> rails,
      long failed,
      String run) {
    String counts =
        "read "
            + counter(result, "read")
            + ", knack records "
            + counter(result, KnackMetrics.KNACK_RECORDS_READ)
            + (dryRun
                ? ", would create "
                    + counter(result, KnackMetrics.TO_CREATE)
                    + ", would update "
                    + counter(result, KnackMetrics.TO_UPDATE)
                : ", created "
                    + counter(result, KnackMetrics.CREATED)
                    + ", updated "
                    + counter(result, KnackMetrics.UPDATED))
            + ", unchanged "
            + counter(result, KnackMetrics.UNCHANGED)
            + (dryRun ? "" : ", failed " + failed)
            + ", knack_only "
            + counter(result, KnackMetrics.KNACK_ONLY);
    long duplicates = counter(result, KnackMetrics.KNACK_DUPLICATE_KEYS);
    List<String> summary = new ArrayList<>();
    summary.add(run + (dryRun ? " [dry run]" : "") + ": " + counts);
    if (duplicates > 0) {
      summary.add(
          run
              + ": "
              + duplicates
              + " Knack records share a key with another; the lowest id of each key is kept up to"
              + " date");
    }
    if (!dryRun) {
      long foundUpdated = counter(result, KnackMetrics.FOUND_UPDATED);
      long foundUnchanged = counter(result, KnackMetrics.FOUND_UNCHANGED);
      summary.add(
          run
              + ": lookups "
              + counter(result, KnackMetrics.LOOKUPS)
              + ", creates already in Knack "
              + (foundUpdated + foundUnchanged)
              + " (sent as updates "
              + foundUpdated
              + ", left as equal "
              + foundUnchanged
              + "), duplicates of an overlapping run removed "
              + counter(result, KnackMetrics.DUPLICATES_REMOVED));
    }
    summary.add(run + ": " + detailsAt);
    long knackRecords = counter(result, KnackMetrics.KNACK_RECORDS_READ);
    for (ShareLimit rail : dryRun ? rails : List.<ShareLimit>of()) {
      boolean updates = rail.action() == ShareLimit.Action.UPDATE;
      long writes = counter(result, updates ? KnackMetrics.TO_UPDATE : KnackMetrics.TO_CREATE);
      if (rail.exceededBy(writes, knackRecords)) {
        summary.add(
            run
                + ": applying this plan would be refused: "
                + rail.describe(writes, knackRecords)
                + "; "
                + (updates ? "--allowMassUpdate" : "--allowMassCreate")
                + " applies it");
      }
    }
    if (failed > 0) {
      // A counter of successes only over-counts on a retried bundle, so zero means none reached
      // Knack.
      if (counter(result, KnackMetrics.CREATED) + counter(result, KnackMetrics.UPDATED) == 0) {
        throw new OutageException(
            "none of the " + failed + " records could be written; see the " + detailsAt, summary);
      }
      throw new WriteFailedException(
          summary, failed + " records could not be written; see the " + detailsAt, List.of());
    }
    return summary;
  }

  /** A counter's total, whichever namespace counted it (the Knack read or the snapshot file's). */
  private static long counter(PipelineResult result, String name) {
    return RunCounters.total(
        result,
        MetricNameFilter.named(KnackMetrics.NAMESPACE, name),
        MetricNameFilter.named(ReadJsonArrayFile.class, name));
  }
}
