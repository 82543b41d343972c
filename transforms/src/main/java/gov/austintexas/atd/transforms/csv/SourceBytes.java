package gov.austintexas.atd.transforms.csv;

import gov.austintexas.atd.transforms.s3.S3Clients;
import gov.austintexas.atd.transforms.s3.S3Location;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.channels.Channels;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Path;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.options.PipelineOptions;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Byte ranges of a CSV source that is not an URL, all from one version of it: an S3 object is read
 * at the ETag it had when it was cut ({@code GetObject} with {@code If-Match}, so an object
 * replaced meanwhile is an error, never a mix of two versions); a file through Beam's file systems.
 */
final class SourceBytes implements AutoCloseable {
  private final PipelineOptions options;
  private S3Client s3;

  SourceBytes(PipelineOptions options) {
    this.options = options;
  }

  /** The version every range is read at: an S3 object's ETag; null for a file. */
  String version(String location) throws IOException {
    if (!location.startsWith("s3://")) {
      return null;
    }
    S3Location object = S3Location.of(location);
    try {
      return client().headObject(b -> b.bucket(object.bucket()).key(object.key())).eTag();
    } catch (NoSuchKeyException missing) {
      throw new FileNotFoundException(location);
    } catch (S3Exception e) {
      if (e.statusCode() == 404) {
        throw new FileNotFoundException(location);
      }
      throw new CsvSourceOpener.Unreachable(e);
    }
  }

  /** The bytes {@code [from, to)} of the source at {@code version}; {@code to} < 0: to the end. */
  InputStream open(String location, String version, long from, long to) throws IOException {
    if (version != null) {
      S3Location object = S3Location.of(location);
      String range = "bytes=" + from + "-" + (to < 0 ? "" : String.valueOf(to - 1));
      try {
        return client()
            .getObject(
                b -> b.bucket(object.bucket()).key(object.key()).ifMatch(version).range(range));
      } catch (S3Exception e) {
        if (e.statusCode() == 412) {
          throw new IOException(
              "the object was replaced while it was read (it had ETag " + version + ")", e);
        }
        throw new CsvSourceOpener.Unreachable(e);
      }
    }
    String path =
        location.startsWith("file:") ? Path.of(URI.create(location)).toString() : location;
    ReadableByteChannel channel;
    try {
      channel = FileSystems.open(FileSystems.matchSingleFileSpec(path).resourceId());
    } catch (FileNotFoundException missing) {
      throw missing;
    } catch (IOException e) {
      throw new CsvSourceOpener.Unreachable(e);
    }
    if (from > 0) {
      if (channel instanceof SeekableByteChannel seekable) {
        seekable.position(from);
      } else {
        Channels.newInputStream(channel).skipNBytes(from);
      }
    }
    InputStream in = Channels.newInputStream(channel);
    return to < 0 ? in : new LimitedInputStream(in, to - from);
  }

  private S3Client client() {
    if (s3 == null) {
      s3 = S3Clients.of(options);
    }
    return s3;
  }

  @Override
  public void close() {
    if (s3 != null) {
      s3.close();
    }
  }
}
