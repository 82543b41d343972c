package gov.austintexas.atd.transforms.knack;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import gov.austintexas.atd.standins.knack.KnackEmulator;
import gov.austintexas.atd.transforms.json.Json;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.metrics.MetricNameFilter;
import org.apache.beam.sdk.metrics.MetricResult;
import org.apache.beam.sdk.metrics.MetricsFilter;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestPipelineExtension;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Writing to a Knack object: creates are looked up by key, so a retried batch never duplicates one.
 */
@ExtendWith(TestPipelineExtension.class)
class KnackIOWriteTest {
  private static final String APP = "app-1";
  private static final String OBJECT = "object_1";
  private KnackEmulator knack;
  private KnackApp app;

  @BeforeEach
  void start() throws Exception {
    knack = KnackEmulator.start(1000); // counts, not pacing, are under test here
    knack.addApp(APP, "key-1");
    knack.addObject(APP, OBJECT, Map.of());
    app =
        new KnackApp(
            "test-app",
            APP,
            "key-1",
            knack.apiUrl(),
            1000,
            Duration.ofSeconds(30),
            6,
            Duration.ofMillis(10));
  }

  @AfterEach
  void stop() {
    knack.close();
  }

  private static List<KnackWrite> creates(int count) {
    List<KnackWrite> creates = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      creates.add(
          KnackWrite.create(
              "K" + i,
              Json.MAPPER.createObjectNode().put("field_1", "K" + i).put("field_2", "v" + i)));
    }
    return creates;
  }

  private PCollection<String> write(Pipeline pipeline, List<KnackWrite> writes) {
    return pipeline
        .apply(Create.of(writes).withCoder(KnackWrite.Coder.of()))
        .apply(KnackIO.write(app, OBJECT, "field_1").withKeysPerLookup(10))
        .apply(MapElements.into(TypeDescriptors.strings()).via(KnackDeadLetters::toJson))
        .setCoder(StringUtf8Coder.of());
  }

  private Map<String, Long> perKey() {
    return knack.records(APP, OBJECT).stream()
        .collect(
            Collectors.groupingBy(
                record -> record.path("field_1_raw").asText(),
                TreeMap::new,
                Collectors.counting()));
  }

  private static long counter(PipelineResult result, String name) {
    long total = 0;
    for (MetricResult<Long> counter :
        result
            .metrics()
            .queryMetrics(
                MetricsFilter.builder()
                    .addNameFilter(MetricNameFilter.named(KnackMetrics.NAMESPACE, name))
                    .build())
            .getCounters()) {
      total += counter.getAttempted();
    }
    return total;
  }

  @Test
  void aBatchSentAgainAsARunnerRetryWouldFindsItsCreatesAndCreatesNoKeyTwice(
      TestPipeline pipeline) {
    Pipeline first = Pipeline.create(PipelineOptionsFactory.create());
    write(first, creates(60));
    PipelineResult firstRun = first.run();
    firstRun.waitUntilFinish();
    assertEquals(60, counter(firstRun, KnackMetrics.CREATED));
    // 60 keys in batches of 50: 5 lookups of 10 keys before, and 5 after, the creates of each
    // batch.
    assertEquals(12, counter(firstRun, KnackMetrics.LOOKUPS));
    int writesBefore = knack.writes();

    // The retry: the same writes; one changed since (as a rerun with a new plan would send it).
    List<KnackWrite> again = creates(60);
    again.set(
        7,
        KnackWrite.create(
            "K7", Json.MAPPER.createObjectNode().put("field_1", "K7").put("field_2", "changed")));
    PAssert.that(write(pipeline, again)).empty();
    PipelineResult retry = pipeline.run();
    retry.waitUntilFinish();

    assertEquals(60, perKey().size());
    assertEquals(
        List.of(1L), perKey().values().stream().distinct().toList(), "duplicates: " + perKey());
    assertEquals(0, counter(retry, KnackMetrics.CREATED));
    assertEquals(1, counter(retry, KnackMetrics.FOUND_UPDATED));
    assertEquals(59, counter(retry, KnackMetrics.FOUND_UNCHANGED));
    assertEquals(6, counter(retry, KnackMetrics.LOOKUPS), "only before: nothing was created");
    assertEquals(writesBefore + 1, knack.writes(), "only the changed record was sent");
    assertEquals(
        List.of("changed"),
        knack.records(APP, OBJECT).stream()
            .filter(r -> r.path("field_1_raw").asText().equals("K7"))
            .map(r -> r.path("field_2_raw").asText())
            .toList());
  }

  @Test
  void anUpdateOfARecordDeletedSinceTheReadIsOneDeadLetterAndTheOthersGo(TestPipeline pipeline) {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      ids.add(
          knack.insert(
              APP,
              OBJECT,
              Json.MAPPER.createObjectNode().put("field_1", "K" + i).put("field_2", "old")));
    }
    knack.faults().deletedBeforeUpdate(1);
    List<KnackWrite> updates = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      updates.add(
          KnackWrite.update(
              "K" + i, ids.get(i), Json.MAPPER.createObjectNode().put("field_2", "new"), null));
    }

    PCollection<String> deadLetters = write(pipeline, updates);
    PAssert.that(deadLetters)
        .satisfies(
            letters -> {
              List<String> all = new ArrayList<>();
              letters.forEach(all::add);
              assertEquals(1, all.size(), all.toString());
              ObjectNode letter = parse(all.get(0));
              assertEquals("update", letter.path("action").asText());
              assertEquals(
                  "Knack app test-app, object_1: HTTP 404 Record "
                      + letter.path("id").asText()
                      + " not found",
                  letter.path("error").asText());
              return null;
            });
    PipelineResult result = pipeline.run();
    result.waitUntilFinish();

    assertEquals(2, counter(result, KnackMetrics.UPDATED));
    assertEquals(1, counter(result, KnackMetrics.FAILED));
    assertEquals(
        List.of("new", "new"),
        knack.records(APP, OBJECT).stream().map(r -> r.path("field_2_raw").asText()).toList());
  }

  @Test
  void createsAndUpdatesLandARefusedValueIsAnExactDeadLetterAndAFoundEqualKeyIsLeftAlone(
      TestPipeline pipeline) {
    knack.addObject(APP, "object_2", Map.of("field_3", KnackEmulator.FieldType.NUMBER));
    String existing =
        knack.insert(
            APP,
            "object_2",
            Json.MAPPER
                .createObjectNode()
                .put("field_1", "K1")
                .put("field_2", "a")
                .put("field_3", 1));
    String old =
        knack.insert(
            APP, "object_2", Json.MAPPER.createObjectNode().put("field_1", "K2").put("field_3", 2));
    List<KnackWrite> writes =
        List.of(
            KnackWrite.create(
                "K0", Json.MAPPER.createObjectNode().put("field_1", "K0").put("field_3", 10)),
            // K1 is already in Knack, equal in the compared field: left alone, though field_2
            // differs.
            KnackWrite.create(
                "K1",
                Json.MAPPER
                    .createObjectNode()
                    .put("field_1", "K1")
                    .put("field_2", "b")
                    .put("field_3", 1)),
            KnackWrite.create(
                "K3", Json.MAPPER.createObjectNode().put("field_1", "K3").put("field_3", "many")),
            KnackWrite.update(
                "K2",
                old,
                Json.MAPPER.createObjectNode().put("field_1", "K2").put("field_3", 20),
                null));

    PCollection<String> deadLetters =
        pipeline
            .apply(Create.of(writes).withCoder(KnackWrite.Coder.of()))
            .apply(
                KnackIO.write(app, "object_2", "field_1")
                    .withComparedFields(java.util.Set.of("field_3")))
            .apply(MapElements.into(TypeDescriptors.strings()).via(KnackDeadLetters::toJson))
            .setCoder(StringUtf8Coder.of());
    PAssert.that(deadLetters)
        .containsInAnyOrder(
            "{\"key\":\"K3\",\"action\":\"create\",\"id\":null,\"record\":{\"field_1\":\"K3\",\"field_3\":\"many\"},\"error\":\"Knack"
                + " app test-app, object_2: HTTP 400 'many' is not a number\"}");
    PipelineResult result = pipeline.run();
    result.waitUntilFinish();

    Map<String, String> stored = new TreeMap<>();
    knack
        .records(APP, "object_2")
        .forEach(
            r ->
                stored.put(
                    r.path("field_1_raw").asText(),
                    r.path("field_2_raw").asText("-") + " " + r.path("field_3_raw").asText()));
    assertEquals(Map.of("K0", "- 10", "K1", "a 1", "K2", "- 20"), stored);
    assertEquals(existing, knack.records(APP, "object_2").get(0).path("id").asText());
    assertEquals(1, counter(result, KnackMetrics.CREATED));
    assertEquals(1, counter(result, KnackMetrics.UPDATED));
    assertEquals(1, counter(result, KnackMetrics.FOUND_UNCHANGED));
    assertEquals(0, counter(result, KnackMetrics.FOUND_UPDATED));
    assertEquals(1, counter(result, KnackMetrics.FAILED));
    assertEquals(2, counter(result, KnackMetrics.LOOKUPS), "one before the creates, one after");
  }

  private static ObjectNode parse(String json) {
    try {
      return (ObjectNode) Json.MAPPER.readTree(json);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
