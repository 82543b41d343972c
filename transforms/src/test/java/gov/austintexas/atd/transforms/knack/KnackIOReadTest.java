package gov.austintexas.atd.transforms.knack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import gov.austintexas.atd.standins.knack.KnackEmulator;
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

  private static final String STOPPING =
      "; stopping before any write rather than planning from an incomplete read";

  private static String failure(TestPipeline pipeline) {
    return assertThrows(PipelineExecutionException.class, () -> pipeline.run().waitUntilFinish())
        .getCause()
        .getMessage();
  }

  private PCollection<String> readField1(TestPipeline pipeline) {
    return readField1(pipeline, "object_1");
  }

  private PCollection<String> readField1(TestPipeline pipeline, String object) {
    KnackApp app =
        new KnackApp(
            "test-app",
            "app-1",
            "key-1",
            knack.apiUrl(),
            10,
            Duration.ofSeconds(30),
            6,
            Duration.ofMillis(10));
    return pipeline
        .apply(KnackIO.read(app, object).withRowsPerPage(40))
        .apply(
            MapElements.into(TypeDescriptors.strings())
                .via((ObjectNode record) -> record.path("field_1_raw").asText()))
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
  void aTotalOffByLessThanTheToleranceStillReadsEverything(TestPipeline pipeline) {
    knack.faults().wrongTotalRecords(10); // 260 promised, 250 there: within the default 10
    PAssert.that(readField1(pipeline)).containsInAnyOrder(expected);
    pipeline.run().waitUntilFinish();
  }

  @Test
  void aTotalOffByMoreThanTheToleranceStopsTheRead(TestPipeline pipeline) {
    knack.faults().wrongTotalRecords(11);
    readField1(pipeline);
    assertEquals(
        "Knack app test-app, object_1: incomplete read: read 250 records, but page 1 promised 261"
            + " (10 fewer are tolerated, since Knack's total can be off)"
            + STOPPING,
        failure(pipeline));
  }

  @Test
  void anEmptyPageAnsweredOnceIsReadAgain(TestPipeline pipeline) {
    knack.faults().emptyPages(1);
    PAssert.that(readField1(pipeline)).containsInAnyOrder(expected);
    pipeline.run().waitUntilFinish();
  }

  @Test
  void anEmptyPageThatStaysEmptyBeforeRecordsStopsTheRead(TestPipeline pipeline) {
    knack.faults().emptyPages(4); // the first answer and all three re-reads
    readField1(pipeline);
    assertEquals(
        "Knack app test-app, object_1: incomplete read: page 1 of 7 came back with 0 of 40 records"
            + " 4 times, but page 7 has 10"
            + STOPPING,
        failure(pipeline));
  }

  @Test
  void aPageWithoutRecordsStopsTheRead(TestPipeline pipeline) {
    knack.faults().pageWithoutRecords(3);
    readField1(pipeline);
    assertEquals(
        "Knack app test-app, object_1: page 3 was answered 200 without \"records\""
            + " ({\"total_pages\":7,\"current_page\":3,\"total_records\":250})"
            + STOPPING,
        failure(pipeline));
  }

  @Test
  void pagesThatRepeatStopTheReadInsteadOfLooping(TestPipeline pipeline) {
    knack.faults().repeatedPages(true);
    readField1(pipeline);
    String first = knack.records("app-1", "object_1").get(0).path("id").asText();
    String message = failure(pipeline);
    assertTrue(
        message.matches(
            "Knack app test-app, object_1: incomplete read: page \\d repeats record "
                + first
                + " of page 1, so the records that belong on page \\d were not read"
                + STOPPING),
        message);
  }

  @Test
  void aFullLastPageRepeatedPastTheEndEndsTheRead(TestPipeline pipeline) {
    knack.addObject("app-1", "object_2", Map.of());
    List<String> forty = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      knack.insert("app-1", "object_2", Json.MAPPER.createObjectNode().put("field_1", "s" + i));
      forty.add("s" + i);
    }
    knack.faults().repeatedPages(true); // page 2 answers with page 1 again, and so on for ever

    PAssert.that(readField1(pipeline, "object_2")).containsInAnyOrder(forty);
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
    KnackApp wrong =
        new KnackApp(
            "test-app",
            "app-1",
            "nope",
            knack.apiUrl(),
            10,
            Duration.ofSeconds(30),
            6,
            Duration.ofMillis(10));
    pipeline.apply(KnackIO.read(wrong, "object_1"));
    PipelineExecutionException failure =
        assertThrows(PipelineExecutionException.class, () -> pipeline.run().waitUntilFinish());
    org.junit.jupiter.api.Assertions.assertEquals(
        "Knack app test-app, object_1: HTTP 401 Invalid API key or application id",
        failure.getCause().getMessage());
  }
}
