package gov.austintexas.atd.transforms.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import gov.austintexas.atd.testing.S3MockServer;
import gov.austintexas.atd.transforms.BadDataException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.beam.sdk.Pipeline.PipelineExecutionException;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestPipelineExtension;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(TestPipelineExtension.class)
class WriteOrderedTextFileTest {

  @RegisterExtension static final S3MockServer s3 = new S3MockServer();

  private static List<String> keysUnder(String prefix) {
    return s3.keys().stream().filter(key -> key.startsWith(prefix)).toList();
  }

  @Test
  void joinsChunksInPositionOrderAndReplacesTheOldFileWhole(TestPipeline pipeline) {
    s3.configure(pipeline.getOptions());
    s3.put("reports/r.csv", "old,file\n");
    String directory = s3.bucketUrl() + "reports/";
    // Positions 0..11 given in reverse, with a gap (position 5 is absent): name order must win.
    List<TextChunk> chunks = new ArrayList<>();
    StringBuilder expected = new StringBuilder("a,b\n");
    for (int position = 11; position >= 1; position--) {
      if (position != 5) {
        chunks.add(new TextChunk(position, 1, position + ",\"x\ny\"\n"));
      }
    }
    chunks.add(new TextChunk(0, 0, "a,b\n"));
    for (int position = 1; position <= 11; position++) {
      if (position != 5) {
        expected.append(position).append(",\"x\ny\"\n");
      }
    }

    PCollection<KV<String, Long>> written =
        pipeline.apply(Create.of(chunks)).apply(WriteOrderedTextFile.to(directory, "r.csv"));
    PAssert.that(written).containsInAnyOrder(KV.of(directory + "r.csv", 10L));
    pipeline.run().waitUntilFinish();

    assertEquals(expected.toString(), s3.get("reports/r.csv"));
    assertEquals(List.of("reports/r.csv"), keysUnder("reports/"), "no staging parts are left");
  }

  @Test
  void chunksWithoutRecordsFailTheRunAndLeaveTheOldFile(TestPipeline pipeline) {
    s3.configure(pipeline.getOptions());
    s3.put("headeronly/r.csv", "old,file\n");
    String directory = s3.bucketUrl() + "headeronly/";

    pipeline
        .apply(Create.of(new TextChunk(0, 0, "a,b\n")))
        .apply(
            WriteOrderedTextFile.to(directory, "r.csv").withEmptyMessage("the report has no rows"));

    PipelineExecutionException failure =
        assertThrows(PipelineExecutionException.class, () -> pipeline.run().waitUntilFinish());
    assertInstanceOf(BadDataException.class, failure.getCause());
    assertEquals(
        "r.csv: the report has no rows; " + directory + "r.csv was left as it was",
        failure.getCause().getMessage());
    assertEquals("old,file\n", s3.get("headeronly/r.csv"));
    assertEquals(List.of("headeronly/r.csv"), keysUnder("headeronly/"));
  }

  @Test
  void oneChunkIsRenamedIntoALocalDirectory(TestPipeline pipeline, @TempDir Path directory)
      throws Exception {
    pipeline
        .apply(Create.of(new TextChunk(0, 2, "h\n1\n2\n")))
        .apply(WriteOrderedTextFile.to(directory.toString(), "one.csv"));
    pipeline.run().waitUntilFinish();

    assertEquals(
        "h\n1\n2\n", Files.readString(directory.resolve("one.csv"), StandardCharsets.UTF_8));
    try (Stream<Path> files = Files.list(directory)) {
      assertEquals(List.of(directory.resolve("one.csv")), files.toList());
    }
  }
}
