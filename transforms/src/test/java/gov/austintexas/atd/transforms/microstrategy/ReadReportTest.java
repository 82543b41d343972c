package gov.austintexas.atd.transforms.microstrategy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gov.austintexas.atd.standins.microstrategy.BondReportFixtures;
import gov.austintexas.atd.standins.microstrategy.MicroStrategyEmulator;
import gov.austintexas.atd.standins.microstrategy.ReportFixture;
import gov.austintexas.atd.standins.microstrategy.ReportFixture.Attribute;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.apache.beam.sdk.Pipeline.PipelineExecutionException;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.ListCoder;
import org.apache.beam.sdk.coders.NullableCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestPipelineExtension;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The production client over real HTTP against the emulator on loopback. */
@ExtendWith(TestPipelineExtension.class)
class ReadReportTest {
  private static final String PASSWORD = "s3cret-mstr-pw";
  private static final String PROJECT = "B7CA92F04B9FAE8D941C3E9B7E0CD754";

  private MicroStrategyEmulator emulator;

  @BeforeEach
  void start() throws Exception {
    emulator = MicroStrategyEmulator.start("etl-user", PASSWORD, PROJECT);
  }

  @AfterEach
  void stop() {
    emulator.close();
  }

  private MicroStrategyConfig config(String password) {
    return new MicroStrategyConfig(
        emulator.baseUrl() + "/api/",
        "etl-user",
        password,
        PROJECT,
        Duration.ofSeconds(4),
        3,
        Duration.ofMillis(50));
  }

  private static List<String> row(String... cells) {
    return Arrays.asList(cells);
  }

  @Test
  void multiFormAttributesGiveOneColumnPerFormAndPagesKeepTheirRows(TestPipeline pipeline) {
    ReportFixture fixture =
        ReportFixture.of(
            List.of(
                new Attribute("Fund", List.of("Code", "Long Name")),
                new Attribute("Date", List.of("ID"))),
            List.of("Obligated", "Expenses"),
            List.of(
                new ReportFixture.Row(
                    List.of(List.of("8012", "Bond, 2020"), List.of("10/01/2023")),
                    Arrays.asList(new BigDecimal("1250.50"), new BigDecimal("-3"))),
                new ReportFixture.Row(
                    List.of(List.of("8013", "Say \"when\""), List.of("10/02/2023")),
                    Arrays.asList(null, new BigDecimal("0.01"))),
                new ReportFixture.Row(
                    List.of(List.of("8012", "Bond, 2020"), List.of("10/03/2023")),
                    Arrays.asList(new BigDecimal("12345678901.23"), null))));
    emulator.withReport("R1", fixture);
    List<String> columns = List.of("Fund@Code", "Fund@Long Name", "Date", "Obligated", "Expenses");

    PCollection<ReportPage> pages =
        pipeline.apply(ReadReport.of(config(PASSWORD), "R1").withPageSize(2));

    PAssert.that(pages)
        .containsInAnyOrder(
            new ReportPage(
                0,
                columns,
                List.of(
                    row("8012", "Bond, 2020", "10/01/2023", "1250.5", "-3"),
                    row("8013", "Say \"when\"", "10/02/2023", null, "0.01"))),
            new ReportPage(
                2,
                columns,
                List.of(row("8012", "Bond, 2020", "10/03/2023", "12345678901.23", null))));
    pipeline.run().waitUntilFinish();
    assertEquals(0, emulator.openSessions(), "logged out");
    assertEquals(1, emulator.logouts());
  }

  @Test
  void singleFormAttributesAreNamedAfterTheAttribute(TestPipeline pipeline) {
    emulator.withReport("R2020", BondReportFixtures.bond2020ExpensesObligated(1));

    PCollection<ReportPage> pages = pipeline.apply(ReadReport.of(config(PASSWORD), "R2020"));

    PAssert.that(pages)
        .containsInAnyOrder(
            new ReportPage(
                0,
                List.of(
                    "Fund",
                    "Department",
                    "Date",
                    "Group",
                    "Fiscal Year",
                    "Division",
                    "Obligated",
                    "Expenses"),
                List.of(row("8012", "6000", "10/01/2019", "5216", "2020", "6207", null, null))));
    pipeline.run().waitUntilFinish();
  }

  @Test
  void failedDroppedAndStalledPagesAreRetriedOnTheirOwn(TestPipeline pipeline) {
    ReportFixture fixture = BondReportFixtures.allBondsExpensesObligated(3500);
    emulator.withReport("ALL", fixture);
    emulator.failPageOnce(1000);
    emulator.dropConnectionOnce(2000);
    emulator.stallPageOnce(3000, Duration.ofSeconds(10)); // the client gives up after 4 s

    PAssert.that(readRows(pipeline, 3)).containsInAnyOrder(expectedRows(fixture));
    pipeline.run().waitUntilFinish();

    List<String> requests = withoutIds(emulator.requests());
    assertEquals(
        List.of(
            "GET /api/v2/reports/ALL/instances/{id}?offset=1000&limit=1000 -> 500 (failed)",
            "GET /api/v2/reports/ALL/instances/{id}?offset=1000&limit=1000 -> 200"),
        requests.stream().filter(r -> r.contains("offset=1000")).toList());
    assertEquals(
        List.of(
            "GET /api/v2/reports/ALL/instances/{id}?offset=2000&limit=1000 -> 200 (dropped)",
            "GET /api/v2/reports/ALL/instances/{id}?offset=2000&limit=1000 -> 200"),
        requests.stream().filter(r -> r.contains("offset=2000")).toList());
    assertEquals(
        List.of(
            "GET /api/v2/reports/ALL/instances/{id}?offset=3000&limit=1000 -> 200 (stalled)",
            "GET /api/v2/reports/ALL/instances/{id}?offset=3000&limit=1000 -> 200"),
        // The stalled answer, sent after the client gave up, may end in a broken pipe: not a
        // request.
        requests.stream()
            .filter(r -> r.contains("offset=3000") && !r.contains("-> failed: "))
            .toList());
    assertEquals(1, emulator.logins(), "the session was kept");
    assertEquals(0, emulator.openSessions(), "and logged out");
  }

  @Test
  void anExpiredSessionIsRenewedAndTheReadStartsOverOnANewInstanceWhenTheOldOneIsGone(
      TestPipeline pipeline) {
    ReportFixture fixture = BondReportFixtures.allBondsExpensesObligated(3500);
    emulator.withReport("ALL", fixture);
    emulator.expireSessionAtPage(3000);

    // Each row once: nothing of the first execution is emitted.
    PAssert.that(readRows(pipeline, 1)).containsInAnyOrder(expectedRows(fixture));
    pipeline.run().waitUntilFinish();

    assertEquals(
        List.of(
            "POST /api/auth/login -> 204",
            "POST /api/v2/reports/ALL/instances?offset=0&limit=1000 -> 200",
            "GET /api/v2/reports/ALL/instances/{id}?offset=1000&limit=1000 -> 200",
            "GET /api/v2/reports/ALL/instances/{id}?offset=2000&limit=1000 -> 200",
            "GET /api/v2/reports/ALL/instances/{id}?offset=3000&limit=1000 -> 401",
            "POST /api/auth/login -> 204",
            // The same instance is asked for first; the server lost it with the old session.
            "GET /api/v2/reports/ALL/instances/{id}?offset=3000&limit=1000 -> 404",
            "POST /api/v2/reports/ALL/instances?offset=0&limit=1000 -> 200",
            "GET /api/v2/reports/ALL/instances/{id}?offset=1000&limit=1000 -> 200",
            "GET /api/v2/reports/ALL/instances/{id}?offset=2000&limit=1000 -> 200",
            "GET /api/v2/reports/ALL/instances/{id}?offset=3000&limit=1000 -> 200",
            "POST /api/auth/logout -> 204"),
        withoutIds(emulator.requests()));
    List<String> instances =
        emulator.requests().stream()
            .filter(r -> r.startsWith("GET ") && r.endsWith("-> 200"))
            .map(r -> r.replaceAll(".*/instances/([0-9A-F]{32}).*", "$1"))
            .toList();
    assertEquals(5, instances.size());
    assertEquals(
        List.of(instances.get(2), instances.get(2), instances.get(2)),
        instances.subList(2, 5),
        "the pages emitted come from the second instance alone");
    assertFalse(instances.get(0).equals(instances.get(2)));
    assertEquals(0, emulator.openSessions());
  }

  @ParameterizedTest
  @MethodSource("gridFaults")
  void aGridThatDoesNotAddUpFailsTheReadNamingTheReportPageAndRow(
      long offset, MicroStrategyEmulator.GridFault fault, String expected, TestPipeline pipeline) {
    emulator.withReport("ALL", BondReportFixtures.allBondsExpensesObligated(3500));
    emulator.corruptPageOnce(offset, fault);
    pipeline.apply(ReadReport.of(config(PASSWORD), "ALL").withPageSize(1000).withParallelPages(2));

    PipelineExecutionException failure =
        assertThrows(PipelineExecutionException.class, () -> pipeline.run().waitUntilFinish());

    assertInstanceOf(InconsistentGridException.class, failure.getCause());
    assertTrue(failure.getCause().getMessage().matches(expected), failure.getCause().getMessage());
    assertEquals(0, emulator.openSessions(), "logged out");
  }

  static Stream<Arguments> gridFaults() {
    return Stream.of(
        Arguments.of(
            2000,
            MicroStrategyEmulator.GridFault.FEWER_METRIC_ROWS,
            quote(
                "report ALL, page 3 (rows from 2000): 1000 header rows but 999 metric rows (from"
                    + " row 2999)")),
        Arguments.of(
            2000,
            MicroStrategyEmulator.GridFault.SHORT_ROW,
            quote(
                "report ALL, page 3 (rows from 2000), row 2000: 4 element indexes for 5"
                    + " attributes")),
        Arguments.of(
            1000,
            MicroStrategyEmulator.GridFault.ELEMENT_OUT_OF_RANGE,
            quote("report ALL, page 2 (rows from 1000), row 1000: element index ")
                + "(\\d+)"
                + quote(" of attribute 'Fund' is outside its ")
                + "\\1"
                + quote(" elements")),
        Arguments.of(
            0,
            MicroStrategyEmulator.GridFault.NO_TOTAL,
            quote("report ALL, page 1 (rows from 0): the answer has no data.paging.total")),
        Arguments.of(
            2000,
            MicroStrategyEmulator.GridFault.TOTAL_CHANGED,
            quote(
                "report ALL, page 3 (rows from 2000): the report's row count changed while it was"
                    + " read: 3500 on page 1, 3501 here")),
        Arguments.of(
            3000,
            MicroStrategyEmulator.GridFault.ROW_BEYOND_TOTAL,
            quote(
                "report ALL, page 4 (rows from 3000): row 3500 and later are beyond the report's"
                    + " 3500 rows")));
  }

  private static String quote(String text) {
    return java.util.regex.Pattern.quote(text);
  }

  private PCollection<KV<Long, List<String>>> readRows(TestPipeline pipeline, int parallelPages) {
    return pipeline
        .apply(
            ReadReport.of(config(PASSWORD), "ALL")
                .withPageSize(1000)
                .withParallelPages(parallelPages))
        .apply(ParDo.of(new NumberRowsFn()))
        .setCoder(
            KvCoder.of(VarLongCoder.of(), ListCoder.of(NullableCoder.of(StringUtf8Coder.of()))));
  }

  private static List<KV<Long, List<String>>> expectedRows(ReportFixture fixture) {
    List<KV<Long, List<String>>> expected = new ArrayList<>();
    for (int i = 0; i < fixture.rowCount(); i++) {
      expected.add(KV.of((long) i, cells(fixture.row(i))));
    }
    return expected;
  }

  private static List<String> withoutIds(List<String> requests) {
    return requests.stream()
        .map(r -> r.replaceAll("/instances/[0-9A-F]{32}", "/instances/{id}"))
        .toList();
  }

  @Test
  void aWrongPasswordFailsClearlyWithoutRunningTheReport(TestPipeline pipeline) {
    emulator.withReport("ALL", BondReportFixtures.allBondsExpensesObligated(10));
    pipeline.apply(ReadReport.of(config("not-the-password"), "ALL"));

    PipelineExecutionException failure =
        assertThrows(PipelineExecutionException.class, () -> pipeline.run().waitUntilFinish());

    assertInstanceOf(MicroStrategyException.LoginRefused.class, failure.getCause());
    assertEquals(
        "MicroStrategy refused the login of user 'etl-user' at "
            + emulator.baseUrl()
            + " (HTTP 401 ERR003: Login failure: wrong user name or password"
            + failure.getCause().getMessage().replaceAll(".*( \\(ticket [0-9a-f]+\\)\\)).*", "$1")
            + "; check the user name and password",
        failure.getCause().getMessage());
    assertFalse(failure.getCause().getMessage().contains("not-the-password"));
    assertEquals(
        List.of("POST /api/auth/login -> 401"),
        emulator.requests(),
        "one try, no retry, no report run");
  }

  private static List<String> cells(ReportFixture.Row row) {
    List<String> cells = new ArrayList<>();
    row.attributeForms().forEach(cells::addAll);
    // The emulator sends metrics as the real server does, as doubles: 1250.5, not 1250.50.
    row.metrics()
        .forEach(
            metric ->
                cells.add(metric == null ? null : metric.stripTrailingZeros().toPlainString()));
    return cells;
  }

  /** Each row with its index in the report: the page offset plus its place in the page. */
  static class NumberRowsFn extends DoFn<ReportPage, KV<Long, List<String>>> {
    private static final long serialVersionUID = 1L;

    @ProcessElement
    public void processElement(
        @Element ReportPage page, OutputReceiver<KV<Long, List<String>>> out) {
      for (int i = 0; i < page.rows().size(); i++) {
        out.output(KV.of(page.offset() + i, page.rows().get(i)));
      }
    }
  }
}
