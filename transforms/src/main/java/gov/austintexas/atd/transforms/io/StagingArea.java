package gov.austintexas.atd.transforms.io;

import gov.austintexas.atd.transforms.s3.IncompleteUploads;
import gov.austintexas.atd.transforms.s3.S3Location;
import java.io.IOException;
import java.io.Serializable;
import java.nio.channels.WritableByteChannel;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.io.fs.MoveOptions.StandardMoveOptions;
import org.apache.beam.sdk.io.fs.ResolveOptions.StandardResolveOptions;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.apache.beam.sdk.options.PipelineOptions;

/**
 * Where a one-file write stages its parts: next to the target, so that publishing is a rename
 * within one file system (an atomic move on a local disk, a server-side copy on S3), under a prefix
 * unique to one pipeline construction so that concurrent runs keep apart: {@code
 * .{file}.staging-{UTC time of construction}-{uuid}-}. The time tells a later run which parts a
 * killed run left ({@link StagingLeftovers}).
 */
final class StagingArea implements Serializable {
  private static final long serialVersionUID = 1L;

  private final String directory;
  private final String fileName;
  private final String partPrefix;
  private final String mimeType;

  private StagingArea(String directory, String fileName, String partPrefix, String mimeType) {
    this.directory = directory;
    this.fileName = fileName;
    this.partPrefix = partPrefix;
    this.mimeType = mimeType;
  }

  static StagingArea forFile(String directory, String fileName, String mimeType) {
    return new StagingArea(
        directory,
        fileName,
        prefixOf(fileName)
            + StagingLeftovers.STAMP.format(Instant.now())
            + "-"
            + UUID.randomUUID()
            + "-",
        mimeType);
  }

  /** What every staging part of {@code fileName} starts with, whichever run wrote it. */
  static String prefixOf(String fileName) {
    return "." + fileName + ".staging-";
  }

  String fileName() {
    return fileName;
  }

  ResourceId target() {
    return directoryId().resolve(fileName, StandardResolveOptions.RESOLVE_FILE);
  }

  /** A part named {@code suffix}; parts are joined in the order of their names. */
  ResourceId part(String suffix) {
    return directoryId().resolve(partPrefix + suffix, StandardResolveOptions.RESOLVE_FILE);
  }

  WritableByteChannel create(ResourceId resource) throws IOException {
    return FileSystems.create(resource, mimeType);
  }

  /**
   * Gives up a part whose writing failed, so that no partial part is ever completed: on S3 its
   * multipart upload is aborted (closing the channel would complete it); elsewhere the file is
   * closed and deleted.
   */
  void discard(ResourceId resource, WritableByteChannel channel, PipelineOptions options)
      throws IOException {
    if ("s3".equals(resource.getScheme())) {
      S3Location location = S3Location.of(resource.toString());
      try (IncompleteUploads uploads = IncompleteUploads.of(options)) {
        uploads.abortAll(location.bucket(), location.key());
      }
      return;
    }
    try {
      channel.close();
    } finally {
      FileSystems.delete(List.of(resource), StandardMoveOptions.IGNORE_MISSING_FILES);
    }
  }

  /** Deletes this run's parts, including those of bundles that failed and were retried. */
  void deleteParts() throws IOException {
    String pattern = part("*").toString();
    MatchResult match = FileSystems.match(pattern);
    if (match.status() != MatchResult.Status.OK) {
      return;
    }
    List<ResourceId> leftovers = new ArrayList<>();
    for (MatchResult.Metadata metadata : match.metadata()) {
      leftovers.add(metadata.resourceId());
    }
    FileSystems.delete(leftovers, StandardMoveOptions.IGNORE_MISSING_FILES);
  }

  private ResourceId directoryId() {
    return FileSystems.matchNewResource(directory, true);
  }
}
