package gov.austintexas.atd.transforms.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import gov.austintexas.atd.testing.S3MockServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.apache.beam.sdk.Pipeline.PipelineExecutionException;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestPipelineExtension;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.FlatMapElements;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.model.MultipartUpload;

/**
 * What killed runs leave next to a one-file write, removed by the next run; a failed part never
 * completed.
 */
@ExtendWith(TestPipelineExtension.class)
class StagingLeftoversTest {
  @RegisterExtension static final S3MockServer s3 = new S3MockServer();

  private static final Instant RUN_START = Instant.parse("2026-12-01T12:00:00Z");

  @Test
  void localPartsOlderThanTheRunAreRemovedAndNewerOnesAndOtherFilesKept(@TempDir Path dir)
      throws Exception {
    Files.writeString(dir.resolve("units.json"), "[]\n");
    Files.writeString(dir.resolve(".units.json.staging-20261201T115959999Z-0a1b-bundle-1"), "[\n");
    Files.writeString(
        dir.resolve(".units.json.staging-20261201T120000000Z-0c1d-bundle-2"), "[\n"); // this run's
    Path legacy =
        dir.resolve(".units.json.staging-3f2e6a4c-bundle-3"); // named before the names had a time
    Files.writeString(legacy, "[\n");
    Files.setLastModifiedTime(legacy, FileTime.from(RUN_START.minusSeconds(3600)));
    Files.writeString(
        dir.resolve(".fdus.json.staging-20261201T110000000Z-0e1f-bundle-4"),
        "[\n"); // another target

    List<String> removed =
        StagingLeftovers.remove(
            dir + "/", "units.json", RUN_START, PipelineOptionsFactory.create());

    assertEquals(
        List.of(
            dir.resolve(".units.json.staging-20261201T115959999Z-0a1b-bundle-1").toString(),
            legacy.toString()),
        removed.stream().sorted().toList());
    try (Stream<Path> left = Files.list(dir)) {
      assertEquals(
          List.of(
              ".fdus.json.staging-20261201T110000000Z-0e1f-bundle-4",
              ".units.json.staging-20261201T120000000Z-0c1d-bundle-2",
              "units.json"),
          left.map(path -> path.getFileName().toString()).sorted().toList());
    }
  }

  @Test
  void s3PartsAndIncompleteUploadsOlderThanTheRunAreRemoved() throws Exception {
    PipelineOptions options = s3.configure(PipelineOptionsFactory.create());
    s3.put("old/units.json", "[]\n");
    s3.put("old/.units.json.staging-20200101T000000000Z-0a1b-bundle-1", "[\n");
    String killedPart = "old/.units.json.staging-20200101T000000000Z-0a1b-bundle-2";
    s3.client().createMultipartUpload(b -> b.bucket(s3.bucket()).key(killedPart));
    s3.client().createMultipartUpload(b -> b.bucket(s3.bucket()).key("old/other.json"));
    Instant start = Instant.now().plusSeconds(5); // the uploads above were initiated before it

    List<String> removed =
        StagingLeftovers.remove(s3.bucketUrl() + "old/", "units.json", start, options);

    assertEquals(2, removed.size(), removed.toString());
    assertEquals(
        s3.bucketUrl() + "old/.units.json.staging-20200101T000000000Z-0a1b-bundle-1",
        removed.get(0));
    assertEquals(
        s3.bucketUrl() + killedPart + " (upload initiated ",
        removed.get(1).replaceAll("initiated .*", "initiated "));
    assertEquals(
        List.of("old/units.json"), s3.keys().stream().filter(k -> k.startsWith("old/")).toList());
    assertEquals(
        List.of("old/other.json"),
        uploadsUnder("old/"),
        "an upload of another file is not this run's business");
  }

  @Test
  void aPartWhoseWritingFailsIsAbortedOnS3NotCompleted(TestPipeline pipeline) {
    s3.configure(pipeline.getOptions());
    s3.put("failing/rows.json", "[{\"old\":true}]");
    // A lone surrogate cannot be encoded as UTF-8: the part's writer fails after its upload began.
    // (Java serialization keeps it; StringUtf8Coder would have made it a '?'.)
    // Both rows come from one element, so they reach the write in one bundle: a good row, then the
    // bad one, with the part's upload under way. (Two elements of a Create may be two bundles, and
    // the good one's part may then be finished, legitimately, before the other fails.)
    pipeline
        .apply(Create.of("rows"))
        .apply(
            "A good row and a bad one",
            FlatMapElements.into(TypeDescriptors.strings())
                .via(ignored -> List.of("{\"A\":1}", "{\"A\":\"\uD800\"}")))
        .setCoder(SerializableCoder.of(String.class))
        .apply(WriteJsonArrayFile.to(s3.bucketUrl() + "failing/", "rows.json"));

    assertThrows(PipelineExecutionException.class, () -> pipeline.run().waitUntilFinish());

    assertEquals("[{\"old\":true}]", s3.get("failing/rows.json"));
    assertEquals(
        List.of("failing/rows.json"),
        s3.keys().stream().filter(k -> k.startsWith("failing/")).toList(),
        "no partial part was completed");
    assertEquals(List.of(), uploadsUnder("failing/"), "and its upload was aborted");
  }

  private static List<String> uploadsUnder(String prefix) {
    return s3
        .client()
        .listMultipartUploads(b -> b.bucket(s3.bucket()).prefix(prefix))
        .uploads()
        .stream()
        .map(MultipartUpload::key)
        .sorted()
        .toList();
  }
}
