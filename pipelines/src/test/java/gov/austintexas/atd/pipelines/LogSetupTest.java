package gov.austintexas.atd.pipelines;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import gov.austintexas.atd.transforms.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.logging.log4j.core.config.Configurator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * --logLevel, --logFormat and --runId (and their variables): what reaches stderr, through SLF4J.
 */
class LogSetupTest {
  private final PrintStream stderr = System.err;

  @AfterEach
  void restore() {
    System.setErr(stderr);
    Configurator.reconfigure(); // back to log4j2-test.xml
  }

  private static LogOptions options(String... args) {
    return PipelineOptionsFactory.fromArgs(args).as(LogOptions.class);
  }

  /**
   * Logs through SLF4J, as the pipelines and Beam do, with this setup, and returns the lines this
   * thread logged to stderr: other threads' lines meanwhile (an earlier test class's Flink cluster
   * shutting down in the same JVM) are not the test's.
   */
  private List<String> logged(LogSetup setup, Runnable logging) {
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    setup.apply();
    logging.run();
    System.setErr(stderr);
    String thread = Thread.currentThread().getName();
    return captured
        .toString(StandardCharsets.UTF_8)
        .lines()
        .filter(
            line ->
                line.contains("[" + thread + "]") || line.contains("\"thread\":\"" + thread + "\""))
        .toList();
  }

  @Test
  void jsonIsOneObjectPerLineWithTheRunId() throws Exception {
    SettingSources sources = new SettingSources();
    LogSetup setup =
        LogSetup.of(
            options("--logFormat=json", "--runId=scheduled__2026-12-01T05:10:00+00:00"),
            Map.of(),
            sources);

    List<String> lines =
        logged(
            setup,
            () -> {
              LoggerFactory.getLogger("gov.austintexas.atd.Example")
                  .info("read {} rows from \"units\"", 5);
              LoggerFactory.getLogger("gov.austintexas.atd.Example").debug("not at info");
              LoggerFactory.getLogger("gov.austintexas.atd.Example")
                  .warn("failed once", new IllegalStateException("boom"));
            });

    assertEquals(2, lines.size(), lines.toString());
    JsonNode info = Json.MAPPER.readTree(lines.get(0));
    assertEquals(
        List.of("time", "level", "logger", "thread", "message", "runId"), fieldNames(info));
    assertTrue(
        info.get("time").asText().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z"),
        info.toString());
    assertEquals("INFO", info.get("level").asText());
    assertEquals("gov.austintexas.atd.Example", info.get("logger").asText());
    assertEquals(Thread.currentThread().getName(), info.get("thread").asText());
    assertEquals("read 5 rows from \"units\"", info.get("message").asText());
    assertEquals("scheduled__2026-12-01T05:10:00+00:00", info.get("runId").asText());
    JsonNode warning = Json.MAPPER.readTree(lines.get(1));
    assertEquals("WARN", warning.get("level").asText());
    assertTrue(
        warning.get("exception").asText().startsWith("java.lang.IllegalStateException: boom"),
        warning.toString());
    String[] args = {"--logFormat=json", "--runId=scheduled__2026-12-01T05:10:00+00:00"};
    assertEquals(
        "{\"logFormat\":\"option\",\"logLevel\":\"default\",\"runId\":\"option\",\"runner\":\"default\"}",
        sources.toJson(options(args), LogOptions.class, args, Map.of()).toString());
  }

  @Test
  void theVariablesSetLevelAndFormatWhenTheOptionsDoNot() throws Exception {
    SettingSources sources = new SettingSources();
    LogSetup setup =
        LogSetup.of(
            options("--runId=r1"),
            Map.of("ATD_LOG_LEVEL", "WARN", "ATD_LOG_FORMAT", "json"),
            sources);

    List<String> lines =
        logged(
            setup,
            () -> {
              LoggerFactory.getLogger("x").info("hidden at warn");
              LoggerFactory.getLogger("x").warn("shown");
            });

    assertEquals(1, lines.size(), lines.toString());
    assertEquals("shown", Json.MAPPER.readTree(lines.get(0)).get("message").asText());
    assertEquals(
        "{\"logFormat\":\"variable ATD_LOG_FORMAT\",\"logLevel\":\"variable"
            + " ATD_LOG_LEVEL\",\"runId\":\"option\",\"runner\":\"default\"}",
        sources
            .toJson(options("--runId=r1"), LogOptions.class, new String[] {"--runId=r1"}, Map.of())
            .toString());
  }

  @Test
  void textCarriesTheRunIdAndAnOptionWinsOverItsVariable() {
    LogSetup setup =
        LogSetup.of(
            options("--logFormat=text", "--logLevel=debug", "--runId=r-42"),
            Map.of("ATD_LOG_FORMAT", "json", "ATD_LOG_LEVEL", "error"),
            new SettingSources());

    List<String> lines =
        logged(setup, () -> LoggerFactory.getLogger("gov.austintexas.atd.Example").debug("detail"));

    assertEquals(1, lines.size(), lines.toString());
    assertTrue(
        lines
            .get(0)
            .matches(
                "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z DEBUG \\[.+\\] Example"
                    + " run=r-42 - detail"),
        lines.get(0));
  }

  @Test
  void withoutARunIdTheRunGetsAUuidInItsOptions() {
    SettingSources sources = new SettingSources();
    LogOptions options = options();
    LogSetup setup = LogSetup.of(options, Map.of(), sources);

    assertTrue(
        setup.runId().matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"),
        setup.runId());
    assertEquals(setup.runId(), options.getRunId());
  }

  @Test
  void badValuesAreUsageErrors() {
    assertEquals(
        "--logLevel (or ATD_LOG_LEVEL) must be one of trace, debug, info, warn, error, off, not"
            + " 'loud'",
        assertThrows(
                UsageException.class,
                () -> LogSetup.of(options("--logLevel=loud"), Map.of(), new SettingSources()))
            .getMessage());
    assertEquals(
        "--logFormat (or ATD_LOG_FORMAT) must be text or json, not 'xml'",
        assertThrows(
                UsageException.class,
                () -> LogSetup.of(options(), Map.of("ATD_LOG_FORMAT", "xml"), new SettingSources()))
            .getMessage());
    assertEquals(
        "--runId may hold letters, digits and . _ : + @ - (at most 200), not '${jndi:x}'",
        assertThrows(
                UsageException.class,
                () -> LogSetup.of(options("--runId=${jndi:x}"), Map.of(), new SettingSources()))
            .getMessage());
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new java.util.ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
