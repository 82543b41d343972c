package gov.austintexas.atd.transforms.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import gov.austintexas.atd.testing.S3MockServer;
import gov.austintexas.atd.transforms.BadDataException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.beam.sdk.Pipeline.PipelineExecutionException;
import org.apache.beam.sdk.coders.IterableCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestPipelineExtension;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(TestPipelineExtension.class)
class WriteJsonArrayFileTest {

  @RegisterExtension static final S3MockServer s3 = new S3MockServer();

  /** Elements from one input element arrive in one bundle, in order, so they make one part. */
  private static PCollection<String> oneBundle(
      TestPipeline pipeline, String name, List<String> values) {
    return pipeline
        .apply(
            name,
            Create.<Iterable<String>>of(values).withCoder(IterableCoder.of(StringUtf8Coder.of())))
        .apply(name + " elements", Flatten.iterables());
  }

  private static List<String> keysUnder(String prefix) {
    return s3.keys().stream().filter(key -> key.startsWith(prefix)).toList();
  }

  @Test
  void writesOneArrayToS3AndReplacesTheOldFileWhole(TestPipeline pipeline) {
    s3.configure(pipeline.getOptions());
    s3.put("finance/rows.json", "[{\"old\":true}]");
    String directory = s3.bucketUrl() + "finance/";

    PCollection<KV<String, Long>> written =
        oneBundle(pipeline, "Rows", List.of("{\"A\":1}", "{\"A\":2.5}", "{\"A\":\"é\"}"))
            .apply(WriteJsonArrayFile.to(directory, "rows.json"));
    PAssert.that(written).containsInAnyOrder(KV.of(directory + "rows.json", 3L));
    pipeline.run().waitUntilFinish();

    assertEquals("[\n{\"A\":1},\n{\"A\":2.5},\n{\"A\":\"é\"}\n]\n", s3.get("finance/rows.json"));
    assertEquals(List.of("finance/rows.json"), keysUnder("finance/"), "no staging parts are left");
  }

  @Test
  void joinsSeveralPartsIntoOneValidArray(TestPipeline pipeline) throws Exception {
    s3.configure(pipeline.getOptions());
    String directory = s3.bucketUrl() + "joined/";
    List<PCollection<String>> bundles = new ArrayList<>();
    List<String> expected = new ArrayList<>();
    for (int b = 0; b < 4; b++) {
      List<String> values = new ArrayList<>();
      for (int i = 0; i < 1000; i++) {
        values.add("{\"bundle\":" + b + ",\"row\":" + i + "}");
      }
      expected.addAll(values);
      bundles.add(oneBundle(pipeline, "Bundle " + b, values));
    }

    PCollection<KV<String, Long>> written =
        PCollectionList.of(bundles)
            .apply(Flatten.pCollections())
            .apply(WriteJsonArrayFile.to(directory, "rows.json"));
    PAssert.that(written).containsInAnyOrder(KV.of(directory + "rows.json", 4000L));
    pipeline.run().waitUntilFinish();

    String file = s3.get("joined/rows.json");
    List<String> actual = new ArrayList<>();
    for (JsonNode row : new ObjectMapper().readTree(file)) {
      actual.add(row.toString());
    }
    actual.sort(null);
    expected.sort(null);
    assertEquals(expected, actual);
    assertEquals(4000 + 2, file.split("\n", -1).length - 1, "[, one element per line, ]");
    assertEquals(List.of("joined/rows.json"), keysUnder("joined/"));
  }

  @Test
  void noElementsFailsTheRunAndLeavesTheOldFile(TestPipeline pipeline) {
    s3.configure(pipeline.getOptions());
    s3.put("empty/rows.json", "[{\"old\":true}]");
    String directory = s3.bucketUrl() + "empty/";

    pipeline
        .apply(Create.empty(StringUtf8Coder.of()))
        .apply(WriteJsonArrayFile.to(directory, "rows.json").withEmptyMessage("nothing came"));

    PipelineExecutionException failure =
        assertThrows(PipelineExecutionException.class, () -> pipeline.run().waitUntilFinish());
    assertInstanceOf(BadDataException.class, failure.getCause());
    assertEquals(
        "rows.json: nothing came; " + directory + "rows.json was left as it was",
        failure.getCause().getMessage());
    assertEquals("[{\"old\":true}]", s3.get("empty/rows.json"));
    assertEquals(List.of("empty/rows.json"), keysUnder("empty/"));
  }

  @Test
  void allowEmptyReplacesTheFileWithAnEmptyArray(TestPipeline pipeline) {
    s3.configure(pipeline.getOptions());
    s3.put("reports/failures.json", "[\n{\"stale\":true}\n]\n");

    pipeline
        .apply(Create.empty(StringUtf8Coder.of()))
        .apply(WriteJsonArrayFile.to(s3.bucketUrl() + "reports/", "failures.json").allowEmpty());
    pipeline.run().waitUntilFinish();

    assertEquals("[]\n", s3.get("reports/failures.json"));
    assertEquals(List.of("reports/failures.json"), keysUnder("reports/"));
  }

  @Test
  void writesToALocalDirectory(TestPipeline pipeline, @TempDir Path directory) throws Exception {
    Files.writeString(directory.resolve("rows.json"), "[]", StandardCharsets.UTF_8);

    oneBundle(pipeline, "Rows", List.of("{\"A\":null}", "[1,2]"))
        .apply(WriteJsonArrayFile.to(directory.toString(), "rows.json"));
    pipeline.run().waitUntilFinish();

    assertEquals("[\n{\"A\":null},\n[1,2]\n]\n", Files.readString(directory.resolve("rows.json")));
    try (Stream<Path> files = Files.list(directory)) {
      assertEquals(List.of(directory.resolve("rows.json")), files.toList());
    }
  }

  @Test
  void allowEmptyMakesTheLocalDirectoryAsWritingAPartWould(
      TestPipeline pipeline, @TempDir Path directory) throws Exception {
    Path reports = directory.resolve("not yet");

    pipeline
        .apply(Create.empty(StringUtf8Coder.of()))
        .apply(WriteJsonArrayFile.to(reports.toString(), "failures.json").allowEmpty());
    pipeline.run().waitUntilFinish();

    assertEquals("[]\n", Files.readString(reports.resolve("failures.json")));
    try (Stream<Path> files = Files.list(reports)) {
      assertEquals(List.of(reports.resolve("failures.json")), files.toList());
    }
  }
}
