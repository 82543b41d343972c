package gov.austintexas.atd.transforms.socrata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import gov.austintexas.atd.standins.socrata.SocrataEmulator;
import gov.austintexas.atd.transforms.failure.Failure;
import gov.austintexas.atd.transforms.json.Json;
import gov.austintexas.atd.transforms.json.ObjectNodeCoder;
import gov.austintexas.atd.transforms.socrata.SocrataWriteResult.Operation;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.metrics.MetricNameFilter;
import org.apache.beam.sdk.metrics.MetricsFilter;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestPipelineExtension;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.PCollection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** SocrataIO's upsert and replace in a pipeline, against the emulator over real HTTP. */
@ExtendWith(TestPipelineExtension.class)
class SocrataIOTest {
  private static final String DATASET = "abcd-1234";
  private static final String TOKEN = "app-token-1";
  private static final String SECRET = "s3cret-Key-Secret";
  private SocrataEmulator socrata;

  @BeforeEach
  void start() throws Exception {
    socrata = SocrataEmulator.start().addAppToken(TOKEN).addUser("key-id", SECRET);
    socrata.createDataset(DATASET, List.of("id", "name", "amount"), "id");
  }

  @AfterEach
  void stop() {
    socrata.close();
  }

  private SocrataConnection connection(String token) {
    return SocrataConnection.of(socrata.baseUrl().toString(), token, "key-id", SECRET)
        .withTimeout(Duration.ofSeconds(10))
        .withMaxRetries(3)
        .withBackoff(Duration.ofMillis(5), Duration.ofMillis(20));
  }

  /** Rows {@code r<from>} to {@code r<to - 1>}, each with an exact amount. */
  private static List<ObjectNode> rows(String prefix, int from, int to) {
    List<ObjectNode> rows = new ArrayList<>();
    for (int i = from; i < to; i++) {
      rows.add(
          Json.MAPPER
              .createObjectNode()
              .put("id", prefix + i)
              .put("name", "row " + i)
              .put("amount", new BigDecimal(i + ".10")));
    }
    return rows;
  }

  private static PCollection<ObjectNode> input(TestPipeline pipeline, List<ObjectNode> rows) {
    return pipeline.apply(Create.of(rows).withCoder(ObjectNodeCoder.of()));
  }

  private static List<ObjectNode> byId(List<ObjectNode> rows) {
    List<ObjectNode> sorted = new ArrayList<>(rows);
    sorted.sort(Comparator.comparing(row -> row.path("id").asText()));
    return sorted;
  }

  private long counter(PipelineResult result, String name) {
    return result
        .metrics()
        .queryMetrics(
            MetricsFilter.builder()
                .addNameFilter(
                    MetricNameFilter.named(
                        SocrataMetrics.NAMESPACE, SocrataMetrics.name(DATASET, name)))
                .build())
        .getCounters()
        .iterator()
        .next()
        .getAttempted();
  }

  @Test
  void chunkedUpsertOf25000RowsWith20PercentServerErrorsLandsEveryRowExactlyOnce(
      TestPipeline pipeline) {
    List<ObjectNode> rows = rows("r", 0, 25_000);
    socrata.faults().serverErrors(0.1).serverErrorsAfterApplying(0.1);

    PCollection<SocrataWriteResult> result =
        input(pipeline, rows)
            .apply(
                SocrataIO.upsert()
                    .withConnection(connection(TOKEN).withMaxRetries(10))
                    .withDatasetId(DATASET)
                    .withChunkSize(1000));

    PAssert.thatSingleton(result)
        .satisfies(
            written -> {
              assertEquals(25_000, written.rowsSent());
              assertEquals(
                  25_000,
                  written.created() + written.updated(),
                  "a retried chunk that had landed is updates");
              assertEquals(List.of(), written.failures());
              assertEquals(0, written.errors());
              assertTrue(written.succeeded());
              return null;
            });
    PipelineResult run = pipeline.run();
    run.waitUntilFinish();

    assertEquals(byId(rows), byId(socrata.rows(DATASET)));
    assertTrue(
        socrata.requests("POST", DATASET) > 25,
        "faults were injected: " + socrata.requests("POST", DATASET));
    assertEquals(25_000, counter(run, SocrataMetrics.ROWS_SENT));
    assertEquals(
        25_000, counter(run, SocrataMetrics.CREATED) + counter(run, SocrataMetrics.UPDATED));
  }

  @Test
  void errorsSocrataCountsAreAFailure(TestPipeline pipeline) {
    socrata.insert(DATASET, rows("r", 0, 2));
    List<ObjectNode> rows = new ArrayList<>(rows("r", 1, 3));
    rows.add(Json.MAPPER.createObjectNode().put("id", "gone").put(":deleted", true));

    PCollection<SocrataWriteResult> result =
        input(pipeline, rows)
            .apply(SocrataIO.upsert().withConnection(connection(TOKEN)).withDatasetId(DATASET));

    PAssert.thatSingleton(result)
        .isEqualTo(
            new SocrataWriteResult(
                DATASET,
                Operation.UPSERT,
                3,
                1,
                1,
                0,
                1,
                List.of(
                    Failure.of(
                        "upsert chunk 1 (rows 1-3)",
                        DATASET,
                        "Socrata reported Errors: 1 (created 1, updated 1, deleted 0, errors"
                            + " 1)"))));
    PipelineResult run = pipeline.run();
    run.waitUntilFinish();
    assertEquals(1, counter(run, SocrataMetrics.ERRORS));
    assertEquals(rows("r", 0, 3), socrata.rows(DATASET));
  }

  @Test
  void aWrongTokenFailsClearlyNamingTheDatasetAndNotTheSecrets(TestPipeline pipeline) {
    PCollection<SocrataWriteResult> result =
        input(pipeline, rows("r", 0, 3))
            .apply(
                SocrataIO.upsert()
                    .withConnection(connection("wrong-token"))
                    .withDatasetId(DATASET));

    PAssert.thatSingleton(result)
        .satisfies(
            written -> {
              assertEquals(
                  List.of(
                      Failure.of(
                          "upsert not started",
                          DATASET,
                          "Socrata dataset abcd-1234, metadata: HTTP 401 Invalid app_token"
                              + " specified (X-Socrata-RequestId emu-1)")),
                  written.failures());
              assertFalse(written.succeeded());
              assertFalse(
                  written.toString().contains(SECRET) || written.toString().contains(TOKEN));
              return null;
            });
    pipeline.run().waitUntilFinish();
    assertEquals(List.of(), socrata.rows(DATASET));
  }

  @Test
  void anUpsertToADatasetWithoutARowIdentifierIsRefusedBeforeAnyRowIsSent(TestPipeline pipeline) {
    socrata.createDataset("norw-0001", List.of("id", "name", "amount"), null);
    PCollection<SocrataWriteResult> result =
        input(pipeline, rows("r", 0, 5))
            .apply(
                SocrataIO.upsert()
                    .withConnection(connection(TOKEN))
                    .withDatasetId("norw-0001")
                    .withChunkSize(2));

    PAssert.thatSingleton(result)
        .isEqualTo(
            new SocrataWriteResult(
                "norw-0001",
                Operation.UPSERT,
                0,
                0,
                0,
                0,
                0,
                List.of(
                    Failure.of(
                        "upsert not started",
                        "norw-0001",
                        SocrataClient.noRowIdentifier("norw-0001")))));
    pipeline.run().waitUntilFinish();
    assertEquals(List.of(), socrata.rows("norw-0001"));
    assertEquals(
        List.of("GET"),
        socrata.requestLog().stream().map(SocrataEmulator.LoggedRequest::method).toList());
  }

  @Test
  void anUpsertOfNoRowsStillGivesItsOneResult(TestPipeline pipeline) {
    PCollection<SocrataWriteResult> result =
        input(pipeline, List.of())
            .apply(SocrataIO.upsert().withConnection(connection(TOKEN)).withDatasetId(DATASET));
    PAssert.thatSingleton(result)
        .isEqualTo(new SocrataWriteResult(DATASET, Operation.UPSERT, 0, 0, 0, 0, 0, List.of()));
    pipeline.run().waitUntilFinish();
    assertEquals(0, socrata.requests());
  }

  /**
   * The rows as the portal stores what a CSV upload gave it: every value as text, nulls left out.
   */
  static List<ObjectNode> asUploaded(List<ObjectNode> rows) {
    List<ObjectNode> stored = new ArrayList<>();
    for (ObjectNode row : rows) {
      ObjectNode text = Json.MAPPER.createObjectNode();
      row.fields()
          .forEachRemaining(
              field -> {
                String value = Json.canonicalText(field.getValue());
                if (value != null) {
                  text.put(FieldNames.normalize(field.getKey()), value);
                }
              });
      stored.add(text);
    }
    return stored;
  }

  /** Fast polling for the emulator, and a short limit so a stuck replace fails the test quickly. */
  private SocrataConnection revisionConnection() {
    return connection(TOKEN)
        .withMaxRetries(6)
        .withPolling(Duration.ofMillis(5), Duration.ofSeconds(20));
  }

  /** The DSMAPI routes the replace called, in order, with their answers' statuses. */
  private List<String> calls() {
    return socrata.requestLog().stream()
        .map(
            r ->
                r.method()
                    + " "
                    + r.pathAndQuery().replaceAll("/\\d+", "/N").replace("/api/publishing/v1", "")
                    + " "
                    + r.status())
        .toList();
  }

  @Test
  void aReplaceGoesThroughOneRevisionAndReadersGetExactlyTheNewRows(TestPipeline pipeline) {
    socrata.insert(DATASET, rows("old", 0, 15));
    List<ObjectNode> rows = rows("new", 0, 25);
    rows.get(3).putNull("name");
    rows.get(4).put("NAME", "Upper-case key, multi-line\n\"quoted\", with commas");
    rows.get(4).remove("name");
    PCollection<SocrataWriteResult> result =
        input(pipeline, rows)
            .apply(
                SocrataIO.replace()
                    .withConnection(revisionConnection())
                    .withDatasetId(DATASET)
                    .withChunkSize(10));

    PAssert.thatSingleton(result)
        .isEqualTo(new SocrataWriteResult(DATASET, Operation.REPLACE, 25, 25, 0, 0, 0, List.of()));
    pipeline.run().waitUntilFinish();
    assertEquals(byId(asUploaded(rows)), byId(socrata.rows(DATASET)));
    assertEquals(
        List.of(
            "GET /api/views/abcd-1234.json 200",
            "POST /revision/abcd-1234 201",
            "POST /revision/abcd-1234/N/source 201",
            "POST /source/N/initiate 200",
            "POST /source/N/chunk/N/N 200",
            "POST /source/N/chunk/N/N 200",
            "POST /source/N/chunk/N/N 200",
            "POST /source/N/commit/N/N 200",
            "PUT /revision/abcd-1234/N/apply 200",
            "GET /revision/abcd-1234/N 200"),
        calls());
    assertEquals(0, socrata.openRevisions(DATASET));
  }

  @Test
  void aRowWithAFieldTheDatasetLacksIsRefusedBeforeARevisionIsOpened(TestPipeline pipeline) {
    socrata.insert(DATASET, rows("old", 0, 3));
    List<ObjectNode> rows = rows("new", 0, 25);
    rows.get(14).put("colour", "red");

    PCollection<SocrataWriteResult> result =
        input(pipeline, rows)
            .apply(
                SocrataIO.replace()
                    .withConnection(revisionConnection())
                    .withDatasetId(DATASET)
                    .withChunkSize(10));

    PAssert.thatSingleton(result)
        .isEqualTo(
            new SocrataWriteResult(
                DATASET,
                Operation.REPLACE,
                25,
                0,
                0,
                0,
                0,
                List.of(
                    Failure.of(
                        "replace not started",
                        DATASET,
                        "the field 'colour' is not a column of dataset abcd-1234 (its columns: id,"
                            + " name, amount), in the row {\"id\":\"new14\",\"name\":\"row"
                            + " 14\",\"amount\":14.10,\"colour\":\"red\"}; the dataset was not"
                            + " touched"))));
    pipeline.run().waitUntilFinish();
    assertEquals(rows("old", 0, 3), socrata.rows(DATASET));
    assertEquals(List.of("GET /api/views/abcd-1234.json 200"), calls());
  }

  @Test
  void replacingWithNoRowsIsRefusedUnlessAllowed(TestPipeline pipeline) {
    socrata.insert(DATASET, rows("old", 0, 2));
    PCollection<ObjectNode> none = input(pipeline, List.of());

    PAssert.thatSingleton(
            none.apply(
                "Refused",
                SocrataIO.replace().withConnection(connection(TOKEN)).withDatasetId(DATASET)))
        .isEqualTo(
            new SocrataWriteResult(
                DATASET,
                Operation.REPLACE,
                0,
                0,
                0,
                0,
                0,
                List.of(
                    Failure.of(
                        "replace not started",
                        DATASET,
                        "refused to replace dataset abcd-1234 with 0 rows, which would empty it;"
                            + " the dataset was not touched (allowEmpty permits it)"))));
    pipeline.run().waitUntilFinish();
    assertEquals(rows("old", 0, 2), socrata.rows(DATASET));
    assertEquals(0, socrata.requests());
  }

  @Test
  void replacingWithNoRowsEmptiesTheDatasetWhenAllowed(TestPipeline pipeline) {
    socrata.insert(DATASET, rows("old", 0, 2));
    PCollection<SocrataWriteResult> result =
        input(pipeline, List.of())
            .apply(
                SocrataIO.replace()
                    .withConnection(revisionConnection())
                    .withDatasetId(DATASET)
                    .withAllowEmpty(true));
    PAssert.thatSingleton(result)
        .isEqualTo(new SocrataWriteResult(DATASET, Operation.REPLACE, 0, 0, 0, 0, 0, List.of()));
    pipeline.run().waitUntilFinish();
    assertEquals(List.of(), socrata.rows(DATASET));
  }
}
