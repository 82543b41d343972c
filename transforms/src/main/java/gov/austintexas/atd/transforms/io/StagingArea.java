package gov.austintexas.atd.transforms.io;

import java.io.IOException;
import java.io.Serializable;
import java.nio.channels.WritableByteChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.io.fs.MoveOptions.StandardMoveOptions;
import org.apache.beam.sdk.io.fs.ResolveOptions.StandardResolveOptions;
import org.apache.beam.sdk.io.fs.ResourceId;

/**
 * Where a one-file write stages its parts: next to the target, so that publishing is a rename
 * within one file system (an atomic move on a local disk, a server-side copy on S3), under a
 * prefix unique to one pipeline construction so that concurrent runs keep apart.
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
    return new StagingArea(directory, fileName, "." + fileName + ".staging-" + UUID.randomUUID() + "-", mimeType);
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
