package gov.austintexas.atd.pipelines.s3toknack;

import com.fasterxml.jackson.databind.node.ObjectNode;
import gov.austintexas.atd.pipelines.AtdPipeline;
import gov.austintexas.atd.pipelines.ConfigFiles;
import gov.austintexas.atd.pipelines.Leftovers;
import gov.austintexas.atd.pipelines.OutageException;
import gov.austintexas.atd.pipelines.RunCounters;
import gov.austintexas.atd.pipelines.RunReport;
import gov.austintexas.atd.pipelines.Settings;
import gov.austintexas.atd.pipelines.UsageException;
import gov.austintexas.atd.pipelines.WriteFailedException;
import gov.austintexas.atd.transforms.BadDataException;
import gov.austintexas.atd.transforms.io.WriteJsonArrayFile;
import gov.austintexas.atd.transforms.json.Json;
import gov.austintexas.atd.transforms.json.JsonArrayElements;
import gov.austintexas.atd.transforms.json.ObjectNodeCoder;
import gov.austintexas.atd.transforms.json.ReadJsonArrayFile;
import gov.austintexas.atd.transforms.knack.KnackApp;
import gov.austintexas.atd.transforms.knack.KnackDiff;
import gov.austintexas.atd.transforms.knack.KnackIO;
import gov.austintexas.atd.transforms.knack.KnackMetrics;
import gov.austintexas.atd.transforms.knack.KnackValues;
import gov.austintexas.atd.transforms.knack.KnackWrite;
import gov.austintexas.atd.transforms.s3.S3AccessOptions;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.apache.beam.sdk.metrics.MetricNameFilter;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Filter;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.Values;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TypeDescriptor;

/**
 * {@code s3-to-knack}: publishes one record type's {@code {recordType}.json} to one Knack app,
 * sending only what changed (the rules are in docs/pipelines.md, "s3-to-knack").
 *
 * <pre>
 * {type}.json → filter → key ──────────────────────────┐
 *                                                      ├ KnackDiff → creates, updates → KnackIO.write → dead letters
 * Knack object (KnackIO.read, or a snapshot file) → key ┘
 * </pre>
 *
 * KnackDiff joins both sides in hash buckets of the key and, within each bucket, coalesces a key's
 * source records and maps them with the handlers ({@link CoalesceAndMap}) before comparing.
 *
 * <p>A plan that would update more than {@code --maxUpdateShare} of the Knack records, or create
 * more than {@code --maxCreateShare} of their count, is refused before any write is sent (exit code
 * 3), unless {@code --allowMassUpdate} or {@code --allowMassCreate} is given ({@link
 * RefuseMassChange}). A record that cannot be written goes to the dead-letter file and the run ends
 * with exit code 4 after sending all the others. A rerun plans again from what Knack then holds, so
 * a partial run converges and never creates a key twice.
 */
public class S3ToKnack implements AtdPipeline<S3ToKnackOptions> {
  private static final ZoneId KNACK_ZONE = ZoneId.of("America/Chicago");
  private static final DateTimeFormatter KNACK_DATE_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");

  private final Settings settings;
  private FieldMaps
      fieldMaps; // read when first needed, so --help and other pipelines don't pay for it

  public S3ToKnack(Map<String, String> environment) {
    this.settings = new Settings(environment);
  }

  @Override
  public String name() {
    return "s3-to-knack";
  }

  @Override
  public String description() {
    return "{recordType}.json to a Knack app: only new and changed records, within the rate limit";
  }

  @Override
  public Class<S3ToKnackOptions> optionsClass() {
    return S3ToKnackOptions.class;
  }

  public FieldMaps fieldMaps() {
    if (fieldMaps == null) {
      fieldMaps = FieldMaps.load();
    }
    return fieldMaps;
  }

  @Override
  public List<String> run(S3ToKnackOptions options, RunReport report) {
    KnackMapping mapping =
        FieldMaps.load(ConfigFiles.of(options, settings.environment()))
            .mapping(options.getRecordType(), options.getApp());
    String input = settings.directoryOrBucket(options.getInput(), "input");
    String file = input + mapping.recordType() + ".json";
    String prefix = mapping.recordType() + "-" + mapping.app();
    report.subject(prefix);
    String reportDir =
        Settings.withSlash(
            options.getReportDir() != null ? options.getReportDir() : input + "plans/");
    report.defaultDirectory(reportDir);
    boolean fromSnapshot = options.getKnackRecordsFile() != null;
    if (options.getJoinBuckets() < 1) {
      throw new UsageException("--joinBuckets must be at least 1, not " + options.getJoinBuckets());
    }
    if (fromSnapshot && !options.getDryRun()) {
      throw new UsageException(
          "--knackRecordsFile plans against a snapshot, so it only goes with --dryRun");
    }
    KnackApp app = fromSnapshot ? null : knackApp(options);
    ShareLimit updateLimit =
        ShareLimit.updates(share("--maxUpdateShare", options.getMaxUpdateShare()));
    ShareLimit createLimit =
        ShareLimit.creates(share("--maxCreateShare", options.getMaxCreateShare()));
    String now = LocalDateTime.now(KNACK_ZONE).format(KNACK_DATE_TIME);
    S3AccessOptions.applyTo(options);

    Pipeline pipeline = Pipeline.create(options);
    PCollection<KV<String, KV<Long, ObjectNode>>> source =
        pipeline
            .apply(
                "Read " + mapping.recordType() + ".json",
                ReadJsonArrayFile.from(file).withCounter("read"))
            .apply(
                "Filter for " + mapping.app(),
                Filter.by((KV<Long, ObjectNode> record) -> mapping.accepts(record.getValue())))
            .apply(
                "Key by " + mapping.primaryKey().source(),
                ParDo.of(new KeyByPrimaryKeyFn(mapping.primaryKey().source(), file)))
            .setCoder(
                KvCoder.of(
                    StringUtf8Coder.of(), KvCoder.of(VarLongCoder.of(), ObjectNodeCoder.of())));

    PCollection<ObjectNode> knackRecords =
        fromSnapshot
            ? pipeline
                .apply(
                    "Read Knack snapshot",
                    ReadJsonArrayFile.from(options.getKnackRecordsFile())
                        .withCounter(KnackMetrics.KNACK_RECORDS_READ))
                .apply(Values.create())
            : pipeline.apply(
                "Read " + mapping.object(),
                KnackIO.read(app, mapping.object())
                    .withTotalTolerance(options.getKnackTotalTolerance()));
    String keyField = mapping.primaryKey().knackField();
    PCollection<KV<String, ObjectNode>> knackByKey =
        knackRecords
            .apply(
                "Key Knack records",
                MapElements.into(new TypeDescriptor<KV<String, ObjectNode>>() {})
                    .via(record -> KV.of(keyOf(KnackValues.stored(record, keyField)), record)))
            .setCoder(KvCoder.of(StringUtf8Coder.of(), ObjectNodeCoder.of()));

    PCollectionTuple plan =
        source.apply(
            "Diff against Knack",
            KnackDiff.against(knackByKey, mapping.comparedFields())
                .withBuckets(options.getJoinBuckets())
                .mergingSourceRecordsWith(new CoalesceAndMap(mapping, now, file)));
    String detailsAt;
    String deadLetterFile = null;
    if (options.getDryRun()) {
      plan.get(KnackDiff.CREATES)
          .apply(
              "Describe creates",
              MapElements.into(TypeDescriptor.of(String.class)).via(S3ToKnack::describeCreate))
          .apply(
              "Write creates",
              WriteJsonArrayFile.to(reportDir, prefix + "-creates.json")
                  .allowEmpty()
                  .gatheredFirst());
      plan.get(KnackDiff.UPDATES)
          .apply(
              "Describe updates",
              MapElements.into(TypeDescriptor.of(String.class)).via(S3ToKnack::describeUpdate))
          .apply(
              "Write updates",
              WriteJsonArrayFile.to(reportDir, prefix + "-updates.json")
                  .allowEmpty()
                  .gatheredFirst());
      report.detail("plan", reportDir + prefix + "-plan.json");
      report.detail("plan creates", reportDir + prefix + "-creates.json");
      report.detail("plan updates", reportDir + prefix + "-updates.json");
      Leftovers.cleanFile(report, reportDir, prefix + "-creates.json", options);
      Leftovers.cleanFile(report, reportDir, prefix + "-updates.json", options);
      detailsAt =
          "plan: "
              + reportDir
              + prefix
              + "-plan.json (counts), "
              + reportDir
              + prefix
              + "-creates.json, "
              + reportDir
              + prefix
              + "-updates.json";
    } else {
      String deadLetterDir =
          Settings.withSlash(
              options.getDeadLetterDir() != null
                  ? options.getDeadLetterDir()
                  : input + "dead-letters/");
      PCollection<KnackWrite> writes =
          PCollectionList.of(plan.get(KnackDiff.CREATES))
              .and(plan.get(KnackDiff.UPDATES))
              .apply("Creates and updates", Flatten.pCollections());
      if (!options.getAllowMassUpdate()) {
        String advice =
            "nothing was sent to Knack; see the changes with --dryRun (they go to "
                + reportDir
                + prefix
                + "-updates.json), and rerun with --allowMassUpdate to apply them anyway";
        writes =
            writes.apply(
                "Refuse a mass update",
                new RefuseMassChange(
                    plan.get(KnackDiff.UPDATES),
                    knackRecords,
                    updateLimit,
                    label(mapping),
                    advice));
      }
      if (!options.getAllowMassCreate()) {
        String advice =
            "nothing was sent to Knack; see them with --dryRun (they go to "
                + reportDir
                + prefix
                + "-creates.json), and rerun with --allowMassCreate to create them anyway";
        writes =
            writes.apply(
                "Refuse a mass create",
                new RefuseMassChange(
                    plan.get(KnackDiff.CREATES),
                    knackRecords,
                    createLimit,
                    label(mapping),
                    advice));
      }
      writes
          .apply(
              "Write to Knack",
              KnackIO.write(app, mapping.object(), keyField)
                  .withComparedFields(mapping.comparedFields())
                  .withKeysPerLookup(options.getKeysPerLookup()))
          .apply(
              "Describe dead letters",
              MapElements.into(TypeDescriptor.of(String.class)).via(ObjectNode::toString))
          .apply(
              "Write dead letters",
              WriteJsonArrayFile.to(deadLetterDir, prefix + "-dead-letters.json")
                  .allowEmpty()
                  .gatheredFirst());
      deadLetterFile = deadLetterDir + prefix + "-dead-letters.json";
      detailsAt = "dead letters: " + deadLetterFile;
      report.detail("dead letters", deadLetterDir + prefix + "-dead-letters.json");
      Leftovers.cleanFile(report, deadLetterDir, prefix + "-dead-letters.json", options);
    }

    PipelineResult result = pipeline.run();
    result.waitUntilFinish();
    report.metricsOf(result);
    if (options.getDryRun()) {
      writePlanCounts(result, mapping, reportDir + prefix + "-plan.json");
    }
    List<ShareLimit> rails = new ArrayList<>();
    if (!options.getAllowMassUpdate()) {
      rails.add(updateLimit);
    }
    if (!options.getAllowMassCreate()) {
      rails.add(createLimit);
    }
    long deadLetters = options.getDryRun() ? 0 : deadLetters(deadLetterFile);
    return summarize(result, mapping, options.getDryRun(), detailsAt, rails, deadLetters);
  }

  /**
   * How many records failed: the dead-letter file's records (data, unlike a counter a retried
   * bundle inflates).
   */
  private static long deadLetters(String file) {
    try (InputStream in =
        Channels.newInputStream(FileSystems.open(FileSystems.matchNewResource(file, false)))) {
      return JsonArrayElements.count(in);
    } catch (IOException e) {
      throw new UncheckedIOException("could not read the dead letters " + file, e);
    }
  }

  private static double share(String option, double value) {
    if (!(value >= 0 && value <= 1)) {
      throw new UsageException(option + " must be between 0 and 1 (0.5 is 50%), not " + value);
    }
    return value;
  }

  /** "units → finance-purchasing (object_7)" */
  private static String label(KnackMapping mapping) {
    return mapping.recordType() + " → " + mapping.app() + " (" + mapping.object() + ")";
  }

  /** The dry run's counts, next to its creates and updates, once the pipeline has finished. */
  private static void writePlanCounts(PipelineResult result, KnackMapping mapping, String path) {
    ObjectNode counts =
        Json.MAPPER
            .createObjectNode()
            .put("record_type", mapping.recordType())
            .put("app", mapping.app())
            .put("object", mapping.object())
            .put("read", counter(result, "read"))
            .put("knack_records", counter(result, KnackMetrics.KNACK_RECORDS_READ))
            .put("create", counter(result, KnackMetrics.TO_CREATE))
            .put("update", counter(result, KnackMetrics.TO_UPDATE))
            .put("unchanged", counter(result, KnackMetrics.UNCHANGED))
            .put("knack_only", counter(result, KnackMetrics.KNACK_ONLY))
            .put("knack_duplicate_keys", counter(result, KnackMetrics.KNACK_DUPLICATE_KEYS));
    ResourceId file = FileSystems.matchNewResource(path, false);
    try (OutputStream out =
        Channels.newOutputStream(FileSystems.create(file, "application/json"))) {
      out.write((counts.toString() + "\n").getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("could not write " + path, e);
    }
  }

  /**
   * @param rails the safety rails that were on
   */
  private List<String> summarize(
      PipelineResult result,
      KnackMapping mapping,
      boolean dryRun,
      String detailsAt,
      List<ShareLimit> rails,
      long failed) {
    String run = label(mapping);
    String counts =
        "read "
            + counter(result, "read")
            + ", knack records "
            + counter(result, KnackMetrics.KNACK_RECORDS_READ)
            + (dryRun
                ? ", would create "
                    + counter(result, KnackMetrics.TO_CREATE)
                    + ", would update "
                    + counter(result, KnackMetrics.TO_UPDATE)
                : ", created "
                    + counter(result, KnackMetrics.CREATED)
                    + ", updated "
                    + counter(result, KnackMetrics.UPDATED))
            + ", unchanged "
            + counter(result, KnackMetrics.UNCHANGED)
            + (dryRun ? "" : ", failed " + failed)
            + ", knack_only "
            + counter(result, KnackMetrics.KNACK_ONLY);
    long duplicates = counter(result, KnackMetrics.KNACK_DUPLICATE_KEYS);
    List<String> summary = new ArrayList<>();
    summary.add(run + (dryRun ? " [dry run]" : "") + ": " + counts);
    if (duplicates > 0) {
      summary.add(
          run
              + ": "
              + duplicates
              + " Knack records share a key with another; the lowest id of each key is kept up to"
              + " date");
    }
    if (!dryRun) {
      long foundUpdated = counter(result, KnackMetrics.FOUND_UPDATED);
      long foundUnchanged = counter(result, KnackMetrics.FOUND_UNCHANGED);
      summary.add(
          run
              + ": lookups "
              + counter(result, KnackMetrics.LOOKUPS)
              + ", creates already in Knack "
              + (foundUpdated + foundUnchanged)
              + " (sent as updates "
              + foundUpdated
              + ", left as equal "
              + foundUnchanged
              + "), duplicates of an overlapping run removed "
              + counter(result, KnackMetrics.DUPLICATES_REMOVED));
    }
    summary.add(run + ": " + detailsAt);
    long knackRecords = counter(result, KnackMetrics.KNACK_RECORDS_READ);
    for (ShareLimit rail : dryRun ? rails : List.<ShareLimit>of()) {
      boolean updates = rail.action() == ShareLimit.Action.UPDATE;
      long writes = counter(result, updates ? KnackMetrics.TO_UPDATE : KnackMetrics.TO_CREATE);
      if (rail.exceededBy(writes, knackRecords)) {
        summary.add(
            run
                + ": applying this plan would be refused: "
                + rail.describe(writes, knackRecords)
                + "; "
                + (updates ? "--allowMassUpdate" : "--allowMassCreate")
                + " applies it");
      }
    }
    if (failed > 0) {
      // A counter of successes only over-counts on a retried bundle, so zero means none reached
      // Knack.
      if (counter(result, KnackMetrics.CREATED) + counter(result, KnackMetrics.UPDATED) == 0) {
        throw new OutageException(
            "none of the " + failed + " records could be written; see the " + detailsAt, summary);
      }
      throw new WriteFailedException(
          summary, failed + " records could not be written; see the " + detailsAt, List.of());
    }
    return summary;
  }

  /** A counter's total, whichever namespace counted it (the Knack read or the snapshot file's). */
  private static long counter(PipelineResult result, String name) {
    return RunCounters.total(
        result,
        MetricNameFilter.named(KnackMetrics.NAMESPACE, name),
        MetricNameFilter.named(ReadJsonArrayFile.class, name));
  }

  private KnackApp knackApp(S3ToKnackOptions options) {
    String appId = settings.headerValue(options.getKnackAppId(), "KNACK_APP_ID", "--knackAppId");
    String apiKey =
        settings.headerValue(options.getKnackApiKey(), "KNACK_API_KEY", "--knackApiKey");
    if (appId == null || apiKey == null) {
      throw new UsageException(
          "the Knack app is not configured: give --knackAppId and --knackApiKey, or set"
              + " KNACK_APP_ID and KNACK_API_KEY");
    }
    if (options.getRequestsPerSecond() <= 0) {
      throw new UsageException("--requestsPerSecond must be more than 0");
    }
    if (options.getKeysPerLookup() < 1 || options.getKeysPerLookup() > 100) {
      throw new UsageException(
          "--keysPerLookup must be 1 to 100, not " + options.getKeysPerLookup());
    }
    if (options.getKnackTotalTolerance() < 0) {
      throw new UsageException(
          "--knackTotalTolerance must be 0 or more, not " + options.getKnackTotalTolerance());
    }
    return new KnackApp(
        options.getApp(),
        appId,
        apiKey,
        Settings.httpUrl(options.getKnackApiUrl(), "--knackApiUrl"),
        options.getRequestsPerSecond(),
        Settings.seconds("--knackTimeoutSeconds", options.getKnackTimeoutSeconds()),
        options.getKnackMaxRetries(),
        Duration.ofMillis(options.getKnackRetryBackoffMillis()));
  }

  /** Knack records with no key cannot match a source record; they count as Knack-only. */
  private static String keyOf(com.fasterxml.jackson.databind.JsonNode value) {
    String key = Json.canonicalText(value);
    return key == null ? "" : key;
  }

  private static String describeCreate(KnackWrite create) {
    ObjectNode line = Json.MAPPER.createObjectNode().put("key", create.key());
    line.set("record", create.record());
    return line.toString();
  }

  private static String describeUpdate(KnackWrite update) {
    ObjectNode line =
        Json.MAPPER.createObjectNode().put("key", update.key()).put("id", update.id());
    line.set("changes", update.changes());
    return line.toString();
  }

  /** Keys each source record by its primary key's text; a record without one is bad data. */
  static class KeyByPrimaryKeyFn
      extends DoFn<KV<Long, ObjectNode>, KV<String, KV<Long, ObjectNode>>> {
    private static final long serialVersionUID = 1L;
    private final String column;
    private final String file;

    KeyByPrimaryKeyFn(String column, String file) {
      this.column = column;
      this.file = file;
    }

    @ProcessElement
    public void processElement(
        @Element KV<Long, ObjectNode> record,
        OutputReceiver<KV<String, KV<Long, ObjectNode>>> out) {
      String key = Json.canonicalText(record.getValue().get(column));
      if (key == null) {
        throw new BadDataException(
            file
                + ", record "
                + (record.getKey() + 1)
                + ": the primary key "
                + column
                + " is empty: "
                + record.getValue());
      }
      out.output(KV.of(key, record));
    }
  }

  /**
   * Coalesces a key's source records and maps the result to the app's fields; a value a handler
   * cannot take is bad data.
   */
  static class CoalesceAndMap implements KnackDiff.SourceMerge<KV<Long, ObjectNode>> {
    private static final long serialVersionUID = 1L;
    private final KnackMapping mapping;
    private final CoalesceFn coalesce;
    private final String now;
    private final String file;

    CoalesceAndMap(KnackMapping mapping, String now, String file) {
      this.mapping = mapping;
      this.coalesce = new CoalesceFn(mapping.coalesce());
      this.now = now;
      this.file = file;
    }

    @Override
    public ObjectNode merge(String key, List<KV<Long, ObjectNode>> records) {
      ObjectNode accumulator = coalesce.createAccumulator();
      for (KV<Long, ObjectNode> record : records) {
        accumulator = coalesce.addInput(accumulator, record);
      }
      try {
        return mapping.map(coalesce.extractOutput(accumulator), now);
      } catch (IllegalArgumentException bad) {
        throw new BadDataException(file + ", key " + key + ": " + bad.getMessage());
      }
    }
  }
}
