package gov.austintexas.atd.transforms.io;

import gov.austintexas.atd.transforms.s3.IncompleteUploads;
import gov.austintexas.atd.transforms.s3.S3Location;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.io.fs.MoveOptions.StandardMoveOptions;
import org.apache.beam.sdk.io.fs.ResolveOptions.StandardResolveOptions;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.apache.beam.sdk.options.PipelineOptions;

/**
 * What killed runs left of a one-file write ({@link WriteJsonArrayFile}, {@link
 * WriteOrderedTextFile}): staging parts next to the target and, on S3, multipart uploads that were
 * never completed. A run removes them before it writes, but only those older than its own start, so
 * a run still going keeps its parts:
 *
 * <ul>
 *   <li>a part's age is the UTC time in its name (when its run built its pipeline); a part named
 *       without one (written before the names had it) counts by its last-modified time;
 *   <li>an upload's age is its {@code Initiated} time, as S3 lists it.
 * </ul>
 *
 * Both clocks are the writers' and S3's, compared with the run's start: a run started earlier and
 * still going (two schedulers racing on one target) would lose its parts and fail, leaving the
 * target as it was.
 */
public final class StagingLeftovers {
  static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssSSS'Z'").withZone(ZoneOffset.UTC);
  private static final Pattern STAMPED = Pattern.compile("\\.staging-(\\d{8}T\\d{9}Z)-");

  private StagingLeftovers() {}

  /**
   * Removes the leftovers of {@code fileName} in {@code directory} ({@code s3://bucket/prefix/} or
   * local) older than {@code before}, and returns each removed path (an upload with its time).
   */
  public static List<String> remove(
      String directory, String fileName, Instant before, PipelineOptions options)
      throws IOException {
    FileSystems.setDefaultPipelineOptions(options);
    ResourceId dir = FileSystems.matchNewResource(directory, true);
    String prefix = StagingArea.prefixOf(fileName);
    List<String> removed = new ArrayList<>();
    MatchResult match =
        FileSystems.match(
            dir.resolve(prefix + "*", StandardResolveOptions.RESOLVE_FILE).toString());
    if (match.status() == MatchResult.Status.OK) {
      List<ResourceId> old = new ArrayList<>();
      for (MatchResult.Metadata part : match.metadata()) {
        if (written(part).isBefore(before)) {
          old.add(part.resourceId());
          removed.add(part.resourceId().toString());
        }
      }
      FileSystems.delete(old, StandardMoveOptions.IGNORE_MISSING_FILES);
    }
    if ("s3".equals(dir.getScheme())) {
      S3Location location = S3Location.of(dir.toString());
      String target = location.key() + fileName;
      String parts = location.key() + prefix;
      try (IncompleteUploads uploads = IncompleteUploads.of(options)) {
        removed.addAll(
            uploads.abortOlderThan(
                location.bucket(),
                location.key(),
                key -> key.equals(target) || key.startsWith(parts),
                before));
      }
    }
    return removed;
  }

  /** When a part was started: the time in its name, else its last modification. */
  private static Instant written(MatchResult.Metadata part) {
    Matcher stamped = STAMPED.matcher(part.resourceId().getFilename());
    if (stamped.find()) {
      try {
        return Instant.from(STAMP.parse(stamped.group(1)));
      } catch (DateTimeParseException notATime) {
        // Falls through to the modification time.
      }
    }
    return Instant.ofEpochMilli(part.lastModifiedMillis());
  }
}
