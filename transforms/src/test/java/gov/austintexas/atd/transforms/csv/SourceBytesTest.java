package gov.austintexas.atd.transforms.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import gov.austintexas.atd.testing.S3MockServer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An S3 source is read at the version it had when it was cut, through the production S3 client on
 * S3Mock.
 */
class SourceBytesTest {
  @RegisterExtension static final S3MockServer s3 = new S3MockServer();

  @Test
  void rangesComeFromTheVersionTheCutSawAndAReplacedObjectIsAnError() throws Exception {
    s3.put("reports/sheet 1.csv", "Name,Amount\na,1\nb,2\n");
    try (SourceBytes sources = new SourceBytes(s3.configure(PipelineOptionsFactory.create()))) {
      String location = s3.bucketUrl() + "reports/sheet 1.csv";
      String version = sources.version(location);

      try (InputStream range = sources.open(location, version, 12, 16)) {
        assertEquals("a,1\n", new String(range.readAllBytes(), StandardCharsets.UTF_8));
      }
      s3.put("reports/sheet 1.csv", "Name,Amount\nc,3\nd,4\n");
      IOException replaced =
          assertThrows(IOException.class, () -> sources.open(location, version, 16, 20));
      assertEquals(
          "the object was replaced while it was read (it had ETag " + version + ")",
          replaced.getMessage());
    }
  }
}
