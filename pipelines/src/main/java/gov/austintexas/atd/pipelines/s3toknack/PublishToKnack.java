package gov.austintexas.atd.pipelines.s3toknack;

import gov.austintexas.atd.transforms.io.WriteJsonArrayFile;
import gov.austintexas.atd.transforms.json.JsonBytes;
import gov.austintexas.atd.transforms.knack.KnackDeadLetters;
import gov.austintexas.atd.transforms.knack.KnackDiff;
import gov.austintexas.atd.transforms.knack.KnackIO;
import gov.austintexas.atd.transforms.knack.KnackWrite;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.PDone;
import org.apache.beam.sdk.values.TypeDescriptor;

/**
 * The plan's creates and updates sent to Knack, behind the safety rails that are on ({@link
 * RefuseMassChange}, which count against {@code knackRecords}); what Knack refused goes to the
 * dead-letter file, replaced whole.
 */
class PublishToKnack extends PTransform<PCollectionTuple, PDone> {
  private final S3ToKnackConfig config;
  private final PCollection<KV<String, JsonBytes>> knackRecords;

  PublishToKnack(S3ToKnackConfig config, PCollection<KV<String, JsonBytes>> knackRecords) {
    this.config = config;
    this.knackRecords = knackRecords;
  }

  @Override
  public PDone expand(PCollectionTuple plan) {
    KnackMapping mapping = config.mapping();
    PCollection<KnackWrite> writes =
        PCollectionList.of(plan.get(KnackDiff.CREATES))
            .and(plan.get(KnackDiff.UPDATES))
            .apply("Creates and updates", Flatten.pCollections());
    if (config.updateLimit() != null) {
      String advice =
          "nothing was sent to Knack; see the changes with --dryRun (they go to "
              + config.reportDir()
              + config.updatesFile()
              + "), and rerun with --allowMassUpdate to apply them anyway";
      writes =
          writes.apply(
              "Refuse a mass update",
              new RefuseMassChange(
                  plan.get(KnackDiff.UPDATES),
                  knackRecords,
                  config.updateLimit(),
                  config.label(),
                  advice));
    }
    if (config.createLimit() != null) {
      String advice =
          "nothing was sent to Knack; see them with --dryRun (they go to "
              + config.reportDir()
              + config.createsFile()
              + "), and rerun with --allowMassCreate to create them anyway";
      writes =
          writes.apply(
              "Refuse a mass create",
              new RefuseMassChange(
                  plan.get(KnackDiff.CREATES),
                  knackRecords,
                  config.createLimit(),
                  config.label(),
                  advice));
    }
    writes
        .apply(
            "Write to Knack",
            KnackIO.write(config.app(), mapping.object(), mapping.primaryKey().knackField())
                .withComparedFields(mapping.comparedFields())
                .withKeysPerLookup(config.keysPerLookup()))
        .apply(
            "Describe dead letters",
            MapElements.into(TypeDescriptor.of(String.class)).via(KnackDeadLetters::toJson))
        .apply(
            "Write dead letters",
            WriteJsonArrayFile.to(config.deadLetterDir(), config.deadLetterFile())
                .allowEmpty()
                .gatheredFirst());
    return PDone.in(plan.getPipeline());
  }
}
