package gov.austintexas.atd.transforms.knack;

import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.node.ObjectNode;
import gov.austintexas.atd.emulators.knack.KnackEmulator;
import gov.austintexas.atd.transforms.json.Json;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.Pipeline.PipelineExecutionException;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestPipelineExtension;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Reading every record of an object, whatever Knack's paging defects. */
@ExtendWith(TestPipelineExtension.class)
class KnackIOReadTest {
  private static final int RECORDS = 250;
  private KnackEmulator knack;
  private List<String> expected;

  @BeforeEach
  void start() throws Exception {
    knack = KnackEmulator.start();
    knack.addApp("app-1", "key-1");
    knack.addObject("app-1", "object_1", Map.of());
    expected = new ArrayList<>();
    for (int i = 0; i < RECORDS; i++) {
      knack.insert("app-1", "object_1", Json.MAPPER.createObjectNode().put("field_1", "r" + i));
      expected.add("r" + i);
    }
  }

  @AfterEach
  void stop() {
    knack.close();
  }

  private PCollection<String> readField1(TestPipeline pipeline) {
    KnackApp app = new KnackApp("test-app", "app-1", "key-1", knack.apiUrl(), 10, Duration.ofSeconds(5), 6, Duration.ofMillis(10));
    return pipeline
        .apply(KnackIO.read(app, "object_1").withRowsPerPage(40))
        .apply(MapElements.into(TypeDescriptors.strings()).via((ObjectNode record) -> record.path("field_1_raw").asText()))
        .setCoder(StringUtf8Coder.of());
  }

  @Test
  void readsEveryPage(TestPipeline pipeline) {
    PAssert.that(readField1(pipeline)).containsInAnyOrder(expected);
    pipeline.run().waitUntilFinish();
  }

  @Test
  void shortPagesAreFetchedAgain(TestPipeline pipeline) {
    knack.faults().shortPages(3);
    PAssert.that(readField1(pipeline)).containsInAnyOrder(expected);
    pipeline.run().waitUntilFinish();
  }

  @Test
  void anUnderstatedTotalDoesNotLoseRecords(TestPipeline pipeline) {
    knack.faults().wrongTotalRecords(-130); // total_pages 3 instead of 7
    PAssert.that(readField1(pipeline)).containsInAnyOrder(expected);
    pipeline.run().waitUntilFinish();
  }

  @Test
  void anOverstatedTotalEndsOnEmptyPages(TestPipeline pipeline) {
    knack.faults().wrongTotalRecords(500).shortPages(3);
    PAssert.that(readField1(pipeline)).containsInAnyOrder(expected);
    pipeline.run().waitUntilFinish();
  }

  @Test
  void serverErrorsAreRetried(TestPipeline pipeline) {
    knack.faults().serverErrors(0.3);
    PAssert.that(readField1(pipeline)).containsInAnyOrder(expected);
    pipeline.run().waitUntilFinish();
  }

  @Test
  void aWrongKeyFailsTheRead(TestPipeline pipeline) {
    KnackApp wrong = new KnackApp("test-app", "app-1", "nope", knack.apiUrl(), 10, Duration.ofSeconds(5), 6, Duration.ofMillis(10));
    pipeline.apply(KnackIO.read(wrong, "object_1"));
    PipelineExecutionException failure = assertThrows(PipelineExecutionException.class, () -> pipeline.run().waitUntilFinish());
    org.junit.jupiter.api.Assertions.assertEquals(
        "Knack app test-app, object_1: HTTP 401 Invalid API key or application id", failure.getCause().getMessage());
  }
}
