package gov.austintexas.atd.pipelines.bondcalculations;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import gov.austintexas.atd.pipelines.SocrataResults;
import gov.austintexas.atd.pipelines.bondcalculations.BondDatasets.Dataset;
import gov.austintexas.atd.transforms.json.Json;
import gov.austintexas.atd.transforms.json.ObjectNodeCoder;
import gov.austintexas.atd.transforms.socrata.SocrataIO;
import gov.austintexas.atd.transforms.socrata.SocrataWriteResult;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.PDone;
import org.apache.beam.sdk.values.TypeDescriptor;

/**
 * Replaces each dataset in Socrata through {@link SocrataIO#replace()}, one revision per dataset,
 * and keeps every dataset's {@link SocrataWriteResult} as the run's data ({@link SocrataResults}).
 */
class ReplaceInSocrata extends PTransform<PCollectionTuple, PDone> {
  private static final long serialVersionUID = 1L;
  private final transient BondCalculationsConfig config;

  ReplaceInSocrata(BondCalculationsConfig config) {
    this.config = config;
  }

  @Override
  public PDone expand(PCollectionTuple datasets) {
    List<PCollection<SocrataWriteResult>> replaced = new ArrayList<>();
    for (Dataset dataset : Dataset.values()) {
      String label = config.label(dataset);
      replaced.add(
          datasets
              .get(BondDatasets.tag(dataset))
              .apply(
                  label + ": as Socrata rows",
                  MapElements.into(TypeDescriptor.of(ObjectNode.class))
                      .via(ReplaceInSocrata::parse))
              .setCoder(ObjectNodeCoder.of())
              .apply(
                  label + ": replace in Socrata",
                  SocrataIO.replace()
                      .withConnection(config.socrata())
                      .withDatasetId(config.id(dataset))
                      .withChunkSize(config.chunkSize())));
    }
    new SocrataResults(config.socrataResults()).collect(replaced);
    return PDone.in(datasets.getPipeline());
  }

  private static ObjectNode parse(String row) {
    try {
      return (ObjectNode) Json.MAPPER.readTree(row);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a computed row is not JSON: " + row, e);
    }
  }
}
