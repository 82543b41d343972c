package gov.austintexas.atd.transforms.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestPipelineExtension;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** A step of the caller's writes the parts itself; the publish joins them into the one file. */
@ExtendWith(TestPipelineExtension.class)
class StagedJsonArrayFileTest {

  /** Writes {@code n} values "{"part":p,"i":i}" into a part of its own for each element p. */
  static class WritePartFn extends DoFn<Integer, KV<String, Long>> {
    private static final long serialVersionUID = 1L;
    private final StagedJsonArrayFile file;

    WritePartFn(StagedJsonArrayFile file) {
      this.file = file;
    }

    @ProcessElement
    public void processElement(ProcessContext context) throws IOException {
      int p = context.element();
      try (StagedJsonArrayFile.Part part = file.openPart(context.getPipelineOptions())) {
        for (int i = 0; i < p; i++) {
          byte[] value = ("{\"part\":" + p + ",\"i\":" + i + "}").getBytes();
          part.put(value, 0, value.length);
        }
        KV<String, Long> finished = part.finish();
        if (finished != null) {
          context.output(finished);
        }
      }
    }
  }

  @Test
  void joinsTheFinishedPartsOfALocalFileAndLeavesNoPart(
      TestPipeline pipeline, @TempDir Path directory) throws Exception {
    Files.writeString(directory.resolve("rows.json"), "[{\"old\":true}]");
    StagedJsonArrayFile file = WriteJsonArrayFile.to(directory + "/", "rows.json").staged();

    PCollection<KV<String, Long>> published =
        pipeline
            .apply(Create.of(0, 1, 2, 3))
            .apply("Write parts", ParDo.of(new WritePartFn(file)))
            .setCoder(KvCoder.of(StringUtf8Coder.of(), VarLongCoder.of()))
            .apply("Publish", file.publish());
    PAssert.that(published).containsInAnyOrder(KV.of(directory + "/rows.json", 6L));
    pipeline.run().waitUntilFinish();

    List<String> lines = Files.readAllLines(directory.resolve("rows.json"));
    assertEquals("[", lines.get(0));
    assertEquals("]", lines.get(lines.size() - 1));
    List<String> rows =
        lines.subList(1, lines.size() - 1).stream()
            .map(line -> line.endsWith(",") ? line.substring(0, line.length() - 1) : line)
            .sorted()
            .toList();
    assertEquals(
        List.of(
            "{\"part\":1,\"i\":0}",
            "{\"part\":2,\"i\":0}",
            "{\"part\":2,\"i\":1}",
            "{\"part\":3,\"i\":0}",
            "{\"part\":3,\"i\":1}",
            "{\"part\":3,\"i\":2}"),
        rows);
    try (Stream<Path> files = Files.list(directory)) {
      assertEquals(List.of(directory.resolve("rows.json")), files.toList());
    }
  }

  @Test
  void aPartClosedUnfinishedIsDiscarded(@TempDir Path directory) throws Exception {
    StagedJsonArrayFile file = WriteJsonArrayFile.to(directory + "/", "rows.json").staged();
    try (StagedJsonArrayFile.Part part = file.openPart(PipelineOptionsFactory.create())) {
      part.put("{\"a\":1}");
      try (Stream<Path> files = Files.list(directory)) {
        assertEquals(1, files.count(), "the part exists while it is written");
      }
    }
    try (Stream<Path> files = Files.list(directory)) {
      assertEquals(List.of(), files.toList());
    }
  }
}
