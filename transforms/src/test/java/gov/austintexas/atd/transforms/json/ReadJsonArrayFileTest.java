package gov.austintexas.atd.transforms.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import gov.austintexas.atd.transforms.BadDataException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.beam.sdk.Pipeline.PipelineExecutionException;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestPipelineExtension;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(TestPipelineExtension.class)
class ReadJsonArrayFileTest {

  @Test
  void readsEachObjectWithItsPositionAndExactNumbers(TestPipeline pipeline, @TempDir Path dir)
      throws Exception {
    Path file = dir.resolve("rows.json");
    Files.writeString(file, "[\n{\"A\":1234.50,\"B\":null},\n{\"A\":2400,\"B\":\"x\\ny\"}\n]\n");

    PAssert.that(
            pipeline
                .apply(ReadJsonArrayFile.from(file.toString()))
                .apply(
                    MapElements.into(TypeDescriptors.strings())
                        .via(kv -> kv.getKey() + " " + kv.getValue())))
        .containsInAnyOrder("0 {\"A\":1234.50,\"B\":null}", "1 {\"A\":2400,\"B\":\"x\\ny\"}");
    pipeline.run().waitUntilFinish();
  }

  @Test
  void invalidJsonNamesTheFileLineAndColumn(TestPipeline pipeline, @TempDir Path dir)
      throws Exception {
    Path file = dir.resolve("rows.json");
    Files.writeString(file, "[\n{\"A\":1},\n{\"A\":2,,}\n]\n");
    pipeline.apply(ReadJsonArrayFile.from(file.toString()));

    PipelineExecutionException failure =
        assertThrows(PipelineExecutionException.class, () -> pipeline.run().waitUntilFinish());
    assertInstanceOf(BadDataException.class, failure.getCause());
    assertEquals(
        file
            + " line 3, column 8: invalid JSON: Unexpected character (',' (code 44)): was expecting"
            + " double-quote to start field name",
        failure.getCause().getMessage());
  }

  @Test
  void anElementThatIsNotAnObjectIsNamed(TestPipeline pipeline, @TempDir Path dir)
      throws Exception {
    Path file = dir.resolve("rows.json");
    Files.writeString(file, "[{\"A\":1}, 42]");
    pipeline.apply(ReadJsonArrayFile.from(file.toString()));

    PipelineExecutionException failure =
        assertThrows(PipelineExecutionException.class, () -> pipeline.run().waitUntilFinish());
    assertEquals(
        file + " line 1, column 11: element 2 is not a JSON object: 42",
        failure.getCause().getMessage());
  }

  /** into() maps each object in the parsing step and drops the ones it makes null. */
  @Test
  void intoMapsAndDropsObjectsAsItParses(TestPipeline pipeline, @TempDir Path dir)
      throws Exception {
    Path file = dir.resolve("rows.json");
    Files.writeString(file, "[{\"A\":1},{\"A\":2},{\"A\":3.50}]");

    PAssert.that(
            pipeline.apply(
                ReadJsonArrayFile.from(file.toString())
                    .into(
                        (position, object) ->
                            object.get("A").asInt() == 2 ? null : position + " " + object,
                        org.apache.beam.sdk.coders.StringUtf8Coder.of())))
        .containsInAnyOrder("0 {\"A\":1}", "2 {\"A\":3.50}");
    pipeline.run().waitUntilFinish();
  }
}
