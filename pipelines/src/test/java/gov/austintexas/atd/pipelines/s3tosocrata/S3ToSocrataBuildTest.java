package gov.austintexas.atd.pipelines.s3tosocrata;

import static org.junit.jupiter.api.Assertions.assertEquals;

import gov.austintexas.atd.pipelines.GraphNames;
import gov.austintexas.atd.pipelines.s3tosocrata.S3ToSocrataConfig.Target;
import gov.austintexas.atd.transforms.socrata.SocrataConnection;
import gov.austintexas.atd.transforms.socrata.SocrataWriteResult;
import java.util.List;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.values.PCollection;
import org.junit.jupiter.api.Test;

/** The graph is built from the config and the checks alone, without running or any I/O. */
class S3ToSocrataBuildTest {

  @Test
  void oneNamedUpsertPerWritableDatasetAndNoneForTheOthers() {
    S3ToSocrataConfig config =
        new S3ToSocrataConfig(
            List.of(), SocrataConnection.of("http://127.0.0.1:9", "token", "id", "secret"), 500);
    List<DatasetCheck> checks =
        List.of(
            new DatasetCheck(
                new Target(FinanceDataset.TASK_ORDERS, "task-0001", "/in/task_orders.json"),
                "task_order",
                null,
                false),
            new DatasetCheck(
                new Target(FinanceDataset.DEPT_UNITS, "unit-0001", "/in/units.json"),
                null,
                "not written: no row identifier",
                true),
            new DatasetCheck(
                new Target(FinanceDataset.SUBPROJECTS, "subp-0001", "/in/subprojects.json"),
                "sp_number_txt",
                null,
                false));
    Pipeline pipeline = Pipeline.create(PipelineOptionsFactory.create());

    List<PCollection<SocrataWriteResult>> results = S3ToSocrata.build(pipeline, config, checks);

    assertEquals(2, results.size());
    assertEquals(
        List.of("Upsert task_orders", "Upsert subprojects"), GraphNames.topLevel(pipeline));
  }
}
