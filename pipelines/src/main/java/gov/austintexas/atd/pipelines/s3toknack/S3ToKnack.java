package gov.austintexas.atd.pipelines.s3toknack;

import com.fasterxml.jackson.databind.node.ObjectNode;
import gov.austintexas.atd.pipelines.AtdPipeline;
import gov.austintexas.atd.pipelines.Leftovers;
import gov.austintexas.atd.pipelines.RunReport;
import gov.austintexas.atd.pipelines.Settings;
import gov.austintexas.atd.transforms.json.Json;
import gov.austintexas.atd.transforms.json.JsonBytes;
import gov.austintexas.atd.transforms.json.ReadJsonArrayFile;
import gov.austintexas.atd.transforms.knack.KnackDiff;
import gov.austintexas.atd.transforms.knack.KnackIO;
import gov.austintexas.atd.transforms.knack.KnackMetrics;
import gov.austintexas.atd.transforms.knack.KnackValues;
import gov.austintexas.atd.transforms.packing.JoinPacking;
import gov.austintexas.atd.transforms.s3.S3AccessOptions;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.coders.ByteArrayCoder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.SerializableFunction;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
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
  private final Settings settings;
  private FieldMaps fieldMaps; // read when first needed, so --help and other pipelines don't pay

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

  /** The packed field maps, for the demo's emulated apps. */
  public FieldMaps fieldMaps() {
    if (fieldMaps == null) {
      fieldMaps = FieldMaps.load();
    }
    return fieldMaps;
  }

  @Override
  public List<String> run(S3ToKnackOptions options, RunReport report) {
    S3ToKnackConfig config = S3ToKnackConfig.resolve(options, settings, report);
    config.reportedFiles().forEach(file -> report.detail(file.label(), file.path()));
    S3AccessOptions.applyTo(options);
    Pipeline pipeline = Pipeline.create(options);
    build(pipeline, config);
    config
        .outputs()
        .forEach(file -> Leftovers.cleanFile(report, file.dir(), file.fileName(), options));
    PipelineResult result = pipeline.run();
    result.waitUntilFinish();
    report.metricsOf(result);
    return S3ToKnackSummary.of(result, config);
  }

  /** The run's graph: the file and the Knack object, joined, then the plan written or sent. */
  static void build(Pipeline pipeline, S3ToKnackConfig config) {
    KnackMapping mapping = config.mapping();
    int buckets = config.joinBuckets();
    ReadSourceRecords read = new ReadSourceRecords(mapping, config.file(), buckets);
    PCollection<KV<Integer, byte[]>> source = pipeline.apply("Read source records", read);
    KnackStoredValues storedValues =
        new KnackStoredValues(mapping.primaryKey().knackField(), mapping.comparedFields());
    // Each Knack record is reduced to what the plan compares as soon as it is read, so a large
    // object's whole records are never held together; a snapshot's are also packed for the join
    // as they are read.
    KnackDiff<ObjectNode> diff;
    PCollection<KV<String, JsonBytes>> knackByKey = null;
    if (config.knackRecordsFile() != null) {
      JoinPacking<JsonBytes> packing = KnackDiff.storedValuesPacking(buckets);
      PCollection<KV<Integer, byte[]>> snapshot =
          pipeline.apply(
              "Read Knack snapshot",
              ReadJsonArrayFile.from(config.knackRecordsFile())
                  .withCounter(KnackMetrics.KNACK_RECORDS_READ)
                  .into(
                      packing.packing((position, record) -> storedValues.apply(record)),
                      KvCoder.of(VarIntCoder.of(), ByteArrayCoder.of()))
                  .withName("Parse, key, pack"));
      diff = KnackDiff.againstPackedStoredValues(snapshot, packing, mapping.comparedFields());
    } else {
      knackByKey =
          pipeline
              .apply(
                  "Read " + mapping.object(),
                  KnackIO.read(config.app(), mapping.object())
                      .withTotalTolerance(config.knackTotalTolerance()))
              .apply(
                  "Key Knack records",
                  MapElements.into(new TypeDescriptor<KV<String, JsonBytes>>() {})
                      .via(storedValues))
              .setCoder(KvCoder.of(StringUtf8Coder.of(), JsonBytes.Coder.of()));
      diff =
          KnackDiff.againstStoredValues(knackByKey, mapping.comparedFields()).withBuckets(buckets);
    }
    PCollectionTuple plan =
        source.apply(
            "Diff against Knack",
            diff.mergingSourceRecordsWith(new CoalesceAndMap(mapping, config.now(), config.file()))
                .packed(read.packing()));
    if (config.dryRun()) {
      plan.apply("Write the plan", new WritePlanFiles(config));
    } else {
      plan.apply("Publish to Knack", new PublishToKnack(config, knackByKey));
    }
  }

  /**
   * A Knack record keyed by its primary key, as the values the plan compares ({@link
   * KnackDiff#storedValues}). Knack records with no key cannot match a source record; they count as
   * Knack-only.
   */
  static class KnackStoredValues
      implements SerializableFunction<ObjectNode, KV<String, JsonBytes>> {
    private static final long serialVersionUID = 1L;
    private final String keyField;
    private final Set<String> comparedFields;

    KnackStoredValues(String keyField, Set<String> comparedFields) {
      this.keyField = keyField;
      this.comparedFields = new TreeSet<>(comparedFields);
    }

    @Override
    public KV<String, JsonBytes> apply(ObjectNode record) {
      String key = Json.canonicalText(KnackValues.stored(record, keyField));
      return KV.of(
          key == null ? "" : key, JsonBytes.of(KnackDiff.storedValues(record, comparedFields)));
    }
  }
}
