package gov.austintexas.atd.pipelines.s3tosocrata;

import com.fasterxml.jackson.databind.node.ObjectNode;
import gov.austintexas.atd.transforms.json.ObjectNodeCoder;
import gov.austintexas.atd.transforms.json.ReadJsonArrayFile;
import gov.austintexas.atd.transforms.socrata.SocrataConnection;
import gov.austintexas.atd.transforms.socrata.SocrataIO;
import gov.austintexas.atd.transforms.socrata.SocrataWriteResult;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.Values;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;

/**
 * One dataset's file to Socrata: read, shaped by the dataset's rules, the last row of each row
 * identifier kept (rows that share one would race between parallel chunks; the last in file order
 * is what one ordered request would store), then upserted in chunks. Outputs the dataset's one
 * {@link SocrataWriteResult}.
 */
class UpsertDataset extends PTransform<PBegin, PCollection<SocrataWriteResult>> {
  private final DatasetCheck checked;
  private final SocrataConnection connection;
  private final int chunkSize;

  UpsertDataset(DatasetCheck checked, SocrataConnection connection, int chunkSize) {
    this.checked = checked;
    this.connection = connection;
    this.chunkSize = chunkSize;
  }

  /** The counter of the rows read from the dataset's file. */
  static String readCounter(FinanceDataset dataset) {
    return dataset.label + "_read";
  }

  @Override
  public PCollection<SocrataWriteResult> expand(PBegin begin) {
    FinanceDataset dataset = checked.target().dataset();
    return dataset
        .shape(
            begin.apply(
                "Read " + dataset.sourceFile,
                ReadJsonArrayFile.from(checked.target().file()).withCounter(readCounter(dataset))))
        .apply(
            "Last row of each " + checked.rowIdentifier(),
            KeepOnePerKey.last(checked.rowIdentifier()))
        .apply("Rows", Values.<ObjectNode>create())
        .setCoder(ObjectNodeCoder.of())
        .apply(
            "Upsert",
            SocrataIO.upsert()
                .withConnection(connection)
                .withDatasetId(checked.target().id())
                .withChunkSize(chunkSize));
  }
}
