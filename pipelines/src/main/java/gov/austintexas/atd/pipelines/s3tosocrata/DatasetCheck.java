package gov.austintexas.atd.pipelines.s3tosocrata;

import gov.austintexas.atd.pipelines.s3tosocrata.S3ToSocrataConfig.Target;
import gov.austintexas.atd.transforms.socrata.SocrataClient;
import gov.austintexas.atd.transforms.socrata.SocrataException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.EmptyMatchTreatment;
import org.apache.beam.sdk.io.fs.MatchResult;

/**
 * What the run learns about one dataset before it builds its graph: whether its source file exists,
 * and the row identifier from its Socrata metadata. The graph needs the row identifier (its rows
 * are deduplicated on that column), so this I/O comes after the config is resolved and before the
 * graph is built; a dataset that fails here is reported and the others still go.
 *
 * @param rowIdentifier the column its rows are upserted by, or null when it is not written
 * @param notWritten why it is not written, or null
 * @param failed whether that is a failure (no metadata, no row identifier) rather than a skip (no
 *     source file)
 */
record DatasetCheck(Target target, String rowIdentifier, String notWritten, boolean failed) {

  static DatasetCheck of(Target target, SocrataClient client) {
    if (!exists(target.file())) {
      return new DatasetCheck(target, null, "skipped, no source file " + target.file(), false);
    }
    Optional<String> rowIdentifier;
    try {
      rowIdentifier = client.rowIdentifier(target.id());
    } catch (SocrataException failure) {
      return new DatasetCheck(
          target,
          null,
          "not written, its metadata could not be read: " + failure.getMessage(),
          true);
    }
    return rowIdentifier
        .map(column -> new DatasetCheck(target, column, null, false))
        .orElseGet(
            () ->
                new DatasetCheck(
                    target,
                    null,
                    "not written: " + SocrataClient.noRowIdentifier(target.id()),
                    true));
  }

  boolean writable() {
    return rowIdentifier != null;
  }

  private static boolean exists(String file) {
    try {
      MatchResult match = FileSystems.match(file, EmptyMatchTreatment.ALLOW);
      return match.status() == MatchResult.Status.OK && !match.metadata().isEmpty();
    } catch (IOException e) {
      throw new UncheckedIOException("could not look for " + file, e);
    }
  }
}
