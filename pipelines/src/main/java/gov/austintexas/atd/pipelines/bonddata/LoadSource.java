package gov.austintexas.atd.pipelines.bonddata;

import gov.austintexas.atd.transforms.failure.FailureSummary;
import gov.austintexas.atd.transforms.jdbc.JdbcSettings;
import gov.austintexas.atd.transforms.jdbc.LoadCsvIntoTable;
import gov.austintexas.atd.transforms.jdbc.ReplaceOutcome;
import gov.austintexas.atd.transforms.validation.TableSpec;
import java.time.Duration;
import java.time.LocalDateTime;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.TupleTagList;

/**
 * One source into its table: prepare the table, then read the CSV, keep and rename the mapped
 * columns, convert the date, validate every row and replace the table's rows in one transaction
 * unless some row was invalid ({@link LoadCsvIntoTable}). Every failure (the table's, the file's,
 * each invalid row's) comes through a failure {@code TupleTag}; the first of them and their total
 * go into the source's one {@link SourceReport} (as JSON), for the run to print.
 */
class LoadSource extends PTransform<PBegin, PCollection<String>> {
  private static final long serialVersionUID = 1L;

  private final TableSpec table;
  private final String location;
  private final String createStatement;
  private final JdbcSettings database;
  private final LocalDateTime runStart;
  private final Duration httpTimeout;

  LoadSource(BondDataConfig.Load load, BondDataConfig config) {
    this.table = load.table();
    this.location = load.location();
    this.createStatement = load.createStatement();
    this.database = config.database();
    this.runStart = config.runStart();
    this.httpTimeout = config.httpTimeout();
  }

  @Override
  public PCollection<String> expand(PBegin begin) {
    PCollectionTuple prepared =
        begin
            .apply("Location", Create.of(location))
            .apply(
                "Prepare table",
                ParDo.of(new PrepareTableFn(database, table, createStatement))
                    .withOutputTags(PrepareTableFn.READY, TupleTagList.of(PrepareTableFn.INVALID)));
    PCollectionTuple loaded =
        prepared
            .get(PrepareTableFn.READY)
            .apply(
                "Load",
                LoadCsvIntoTable.into(table, database)
                    .stamping("updated_at", runStart)
                    .withTimeout(httpTimeout));

    PCollectionView<FailureSummary> invalidSummary =
        PCollectionList.of(prepared.get(PrepareTableFn.INVALID))
            .and(loaded.get(LoadCsvIntoTable.INVALID))
            .apply("All invalid rows", Flatten.pCollections())
            .apply(
                "First invalid", Combine.globally(FailureSummary.keepingFirst(SourceReport.SHOWN)))
            .apply(View.asSingleton());
    return loaded
        .get(LoadCsvIntoTable.OUTCOME)
        .apply(
            "Report",
            ParDo.of(new ReportFn(location, invalidSummary)).withSideInputs(invalidSummary))
        .setCoder(StringUtf8Coder.of());
  }

  static class ReportFn extends DoFn<ReplaceOutcome, String> {
    private static final long serialVersionUID = 1L;
    private final String location;
    private final PCollectionView<FailureSummary> invalidSummary;

    ReportFn(String location, PCollectionView<FailureSummary> invalidSummary) {
      this.location = location;
      this.invalidSummary = invalidSummary;
    }

    @ProcessElement
    public void processElement(@Element ReplaceOutcome outcome, ProcessContext context) {
      FailureSummary summary = context.sideInput(invalidSummary);
      context.output(
          new SourceReport(
                  outcome.table(),
                  location,
                  outcome.replaced(),
                  outcome.rows(),
                  outcome.reason(),
                  summary.total(),
                  summary.first(),
                  outcome.outage() || summary.anyOutage())
              .toJson());
    }
  }
}
