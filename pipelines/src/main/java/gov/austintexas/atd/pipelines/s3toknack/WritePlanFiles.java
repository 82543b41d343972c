package gov.austintexas.atd.pipelines.s3toknack;

import com.fasterxml.jackson.databind.node.ObjectNode;
import gov.austintexas.atd.transforms.io.WriteJsonArrayFile;
import gov.austintexas.atd.transforms.json.Json;
import gov.austintexas.atd.transforms.knack.KnackDiff;
import gov.austintexas.atd.transforms.knack.KnackWrite;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.PDone;
import org.apache.beam.sdk.values.TypeDescriptor;

/**
 * A dry run's plan: the creates ({@code key}, {@code record}) and the updates ({@code key}, {@code
 * id}, {@code changes}) as two JSON files, each replaced whole. The counts are written once the
 * pipeline has finished ({@link S3ToKnackSummary}).
 *
 * <p>The plan comes out in one bundle per join bucket, so each file is written in as many parts (a
 * few dozen), straight from the diff: gathering them first would group every planned write into one
 * group, which the DirectRunner copies again for each bundle that feeds it.
 */
class WritePlanFiles extends PTransform<PCollectionTuple, PDone> {
  private final S3ToKnackConfig config;

  WritePlanFiles(S3ToKnackConfig config) {
    this.config = config;
  }

  @Override
  public PDone expand(PCollectionTuple plan) {
    plan.get(KnackDiff.CREATES)
        .apply(
            "Describe creates",
            MapElements.into(TypeDescriptor.of(String.class)).via(WritePlanFiles::describeCreate))
        .apply(
            "Write creates",
            WriteJsonArrayFile.to(config.reportDir(), config.createsFile()).allowEmpty());
    plan.get(KnackDiff.UPDATES)
        .apply(
            "Describe updates",
            MapElements.into(TypeDescriptor.of(String.class)).via(WritePlanFiles::describeUpdate))
        .apply(
            "Write updates",
            WriteJsonArrayFile.to(config.reportDir(), config.updatesFile()).allowEmpty());
    return PDone.in(plan.getPipeline());
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
}
