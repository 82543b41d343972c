package gov.austintexas.atd.pipelines;

import com.fasterxml.jackson.databind.node.ObjectNode;
import gov.austintexas.atd.transforms.json.Json;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.appender.ConsoleAppender;
import org.apache.logging.log4j.core.config.Configurator;
import org.apache.logging.log4j.core.config.builder.api.AppenderComponentBuilder;
import org.apache.logging.log4j.core.config.builder.api.ConfigurationBuilder;
import org.apache.logging.log4j.core.config.builder.api.ConfigurationBuilderFactory;
import org.apache.logging.log4j.core.config.builder.impl.BuiltConfiguration;

/**
 * The run's logging, from {@code --logLevel}/{@code --logFormat} (else {@code ATD_LOG_LEVEL}/
 * {@code ATD_LOG_FORMAT}, else info and text): Log4j 2 on stderr, as text or as one JSON object per
 * line (Log4j's JSON template layout), every line carrying the run id ({@code --runId}, else a
 * random UUID). Stdout stays the run summary's.
 */
public record LogSetup(Level level, boolean json, String runId) {
  private static final Set<String> LEVELS =
      Set.of("trace", "debug", "info", "warn", "error", "off");

  /** Safe in a file name, a log pattern and a JSON template (no {@code %}, {@code $} or braces). */
  private static final String RUN_ID = "[A-Za-z0-9._:+@-]{1,200}";

  /**
   * Per-bundle chatter at info: JdbcIO's "Autocommit has been disabled", FileIO's "Matched 1
   * files".
   */
  private static final Set<String> QUIET_AT_INFO =
      Set.of("org.apache.beam.sdk.io.jdbc", "org.apache.beam.sdk.io.FileIO");

  /** Resolves the three settings, noting where each came from; a bad value is a usage error. */
  static LogSetup of(LogOptions options, Map<String, String> environment, SettingSources sources) {
    String level =
        chosen(options.getLogLevel(), "logLevel", "ATD_LOG_LEVEL", "info", environment, sources)
            .toLowerCase(Locale.ROOT);
    if (!LEVELS.contains(level)) {
      throw new UsageException(
          "--logLevel (or ATD_LOG_LEVEL) must be one of trace, debug, info, warn, error, off, not '"
              + level
              + "'");
    }
    String format =
        chosen(options.getLogFormat(), "logFormat", "ATD_LOG_FORMAT", "text", environment, sources)
            .toLowerCase(Locale.ROOT);
    if (!format.equals("text") && !format.equals("json")) {
      throw new UsageException(
          "--logFormat (or ATD_LOG_FORMAT) must be text or json, not '" + format + "'");
    }
    String runId = options.getRunId();
    if (runId == null || runId.isBlank()) {
      runId = UUID.randomUUID().toString();
      options.setRunId(runId);
      sources.from("runId", "generated");
    } else if (!runId.matches(RUN_ID)) {
      throw new UsageException(
          "--runId may hold letters, digits and . _ : + @ - (at most 200), not '" + runId + "'");
    }
    return new LogSetup(Level.valueOf(level), format.equals("json"), runId);
  }

  private static String chosen(
      String option,
      String name,
      String variable,
      String fallback,
      Map<String, String> environment,
      SettingSources sources) {
    if (option != null && !option.isBlank()) {
      return option.strip();
    }
    String fromEnv = environment.get(variable);
    if (fromEnv != null && !fromEnv.isBlank()) {
      sources.from(name, "variable " + variable);
      return fromEnv.strip();
    }
    sources.from(name, "default");
    return fallback;
  }

  /** Replaces the logging configuration of this JVM with this run's. */
  void apply() {
    ConfigurationBuilder<BuiltConfiguration> config =
        ConfigurationBuilderFactory.newConfigurationBuilder();
    config.setConfigurationName("atd-run");
    config.setStatusLevel(Level.WARN);
    AppenderComponentBuilder stderr =
        config
            .newAppender("stderr", "Console")
            .addAttribute("target", ConsoleAppender.Target.SYSTEM_ERR)
            .addAttribute("follow", true);
    if (json) {
      stderr.add(
          config.newLayout("JsonTemplateLayout").addAttribute("eventTemplate", jsonTemplate()));
    } else {
      stderr.add(
          config
              .newLayout("PatternLayout")
              .addAttribute(
                  "pattern",
                  "%d{yyyy-MM-dd'T'HH:mm:ss.SSS'Z'}{UTC} %-5level [%t] %c{1} run="
                      + runId
                      + " - %m%n"));
    }
    config.add(stderr);
    if (level == Level.INFO) {
      QUIET_AT_INFO.forEach(name -> config.add(config.newLogger(name, Level.WARN)));
    }
    config.add(config.newRootLogger(level).add(config.newAppenderRef("stderr")));
    Configurator.reconfigure(config.build());
  }

  /**
   * One object per line; the run id is a literal of the template (its characters need no escaping).
   */
  private String jsonTemplate() {
    ObjectNode template = Json.MAPPER.createObjectNode();
    template
        .putObject("time")
        .put("$resolver", "timestamp")
        .putObject("pattern")
        .put("format", "yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
        .put("timeZone", "UTC");
    template.putObject("level").put("$resolver", "level").put("field", "name");
    template.putObject("logger").put("$resolver", "logger").put("field", "name");
    template.putObject("thread").put("$resolver", "thread").put("field", "name");
    template.putObject("message").put("$resolver", "message").put("stringified", true);
    template.put("runId", runId);
    template
        .putObject("exception")
        .put("$resolver", "exception")
        .put("field", "stackTrace")
        .putObject("stackTrace")
        .put("stringified", true);
    return template.toString();
  }
}
