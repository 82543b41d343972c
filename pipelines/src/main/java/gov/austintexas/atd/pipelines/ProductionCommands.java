package gov.austintexas.atd.pipelines;

import gov.austintexas.atd.pipelines.bondcalculations.BondCalculations;
import gov.austintexas.atd.pipelines.bonddata.BondData;
import gov.austintexas.atd.pipelines.financetos3.FinanceToS3;
import gov.austintexas.atd.pipelines.microstrategytos3.MicrostrategyToS3;
import gov.austintexas.atd.pipelines.s3toknack.S3ToKnack;
import gov.austintexas.atd.pipelines.s3tosocrata.S3ToSocrata;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;

/** The six pipelines, in the order data flows through them. */
public final class ProductionCommands implements PipelineCommands {
  @Override
  public List<AtdPipeline<?>> commands(Map<String, String> environment, PrintStream out) {
    return List.of(
        new FinanceToS3(environment),
        new S3ToKnack(environment),
        new S3ToSocrata(environment),
        new MicrostrategyToS3(environment),
        new BondData(environment),
        new BondCalculations(environment));
  }
}
