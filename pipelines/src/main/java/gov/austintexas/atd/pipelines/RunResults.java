package gov.austintexas.atd.pipelines;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.TextIO;
import org.apache.beam.sdk.io.fs.EmptyMatchTreatment;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.io.fs.MoveOptions.StandardMoveOptions;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PDone;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A pipeline's results handed back to the launcher as data: a small {@code PCollection<String>}
 * (one line each) written as one file, read once the pipeline has finished, then deleted.
 *
 * <p>Metrics are not a result channel: counters are attempted values that a retried bundle
 * inflates, and string sets are capped. A file written through TextIO is committed once, whatever
 * the runner retried. It goes under {@code --tempLocation} when given (a cluster needs a place its
 * workers and the launcher share), else under the local temporary directory.
 */
public final class RunResults implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(RunResults.class);
  private final String directory;

  private RunResults(String directory) {
    this.directory = directory;
  }

  public static RunResults of(PipelineOptions options) {
    String temp = options.getTempLocation();
    String base =
        temp != null && !temp.isBlank()
            ? Settings.withSlash(temp)
            : Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath() + "/";
    return new RunResults(base + "atd-results-" + UUID.randomUUID() + "/");
  }

  /** Writes the lines as the result {@code name}. */
  public PTransform<PCollection<String>, PDone> collect(String name) {
    return TextIO.write().to(directory + name).withSuffix(".txt").withoutSharding();
  }

  /** The lines of result {@code name}, once the pipeline has finished; the file is then deleted. */
  public List<String> read(String name) {
    ResourceId file = FileSystems.matchNewResource(directory + name + ".txt", false);
    List<String> lines = new ArrayList<>();
    try (BufferedReader in =
        new BufferedReader(
            new InputStreamReader(
                Channels.newInputStream(FileSystems.open(file)), StandardCharsets.UTF_8))) {
      in.lines().filter(line -> !line.isEmpty()).forEach(lines::add);
    } catch (IOException e) {
      throw new UncheckedIOException("could not read the run's results from " + file, e);
    }
    delete();
    return lines;
  }

  /** Removing the results is tidying up: a failure is a warning, never the run's outcome. */
  private void delete() {
    try {
      MatchResult all = FileSystems.match(directory + "**", EmptyMatchTreatment.ALLOW);
      List<ResourceId> files = new ArrayList<>();
      all.metadata().forEach(metadata -> files.add(metadata.resourceId()));
      FileSystems.delete(files, StandardMoveOptions.IGNORE_MISSING_FILES);
      if (!directory.contains("://")) {
        Files.deleteIfExists(Path.of(directory));
      }
    } catch (IOException | RuntimeException e) {
      LOG.warn("could not delete the run's results in {}: {}", directory, e.toString());
    }
  }
}
