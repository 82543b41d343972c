package gov.austintexas.atd.transforms.validation;

import gov.austintexas.atd.transforms.csv.CsvRecord;
import gov.austintexas.atd.transforms.failure.Failure;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestPipelineExtension;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(TestPipelineExtension.class)
class ValidateRecordsTest {
  private static final TableSpec TABLE =
      new TableSpec(
          "t",
          List.of(
              ColumnSpec.of("Key", "key", ColumnType.TEXT, true),
              ColumnSpec.of("Year", "fiscal_year", ColumnType.INT, false)
                  .greaterThan(new BigDecimal("2000")),
              ColumnSpec.of("Date", "date", ColumnType.DATE, true),
              ColumnSpec.of("Amount", "amount", ColumnType.NUMERIC, false),
              ColumnSpec.of("Budget", "budget", ColumnType.NUMERIC, false).wholeNumbersOnly()));

  @Test
  void validRowsBecomeTypedRowsWithExactDecimals(TestPipeline pipeline) {
    PCollectionTuple out =
        pipeline
            .apply(
                Create.of(
                    new CsvRecord(2, List.of("k1", "2024", "9/1/2024", "-1234.50", "100.00")),
                    new CsvRecord(3, List.of("k2", "", "12/31/2023", "", "7"))))
            .apply(ValidateRecords.against(TABLE, "f.csv"));

    PAssert.that(out.get(ValidateRecords.VALID))
        .containsInAnyOrder(
            Row.withSchema(TABLE.schema())
                .addValues(
                    "k1",
                    2024,
                    LocalDate.of(2024, 9, 1),
                    new BigDecimal("-1234.50"),
                    new BigDecimal("100.00"))
                .build(),
            Row.withSchema(TABLE.schema())
                .addValues("k2", null, LocalDate.of(2023, 12, 31), null, new BigDecimal("7"))
                .build());
    PAssert.that(out.get(ValidateRecords.INVALID)).empty();
    pipeline.run().waitUntilFinish();
  }

  @Test
  void everyBadCellIsReportedAndItsRowIsNotValid(TestPipeline pipeline) {
    PCollectionTuple out =
        pipeline
            .apply(
                Create.of(
                    new CsvRecord(2, List.of("", "1999", "2024-09-01", "1,234.00", "1.5")),
                    new CsvRecord(3, List.of("k", "2.5", "02/30/2024", "NaN", "2147483648")),
                    new CsvRecord(4, List.of("k", "9999999999", "1/1/2024", "1", "1"))))
            .apply(ValidateRecords.against(TABLE, "f.csv"));

    PAssert.that(out.get(ValidateRecords.VALID)).empty();
    PAssert.that(out.get(ValidateRecords.INVALID))
        .containsInAnyOrder(
            Failure.cell("f.csv", 2, "Key", "", "a value is required"),
            Failure.cell("f.csv", 2, "Year", "1999", "must be greater than 2000"),
            Failure.cell("f.csv", 2, "Date", "2024-09-01", "not a date in MM/DD/YYYY form"),
            Failure.cell("f.csv", 2, "Amount", "1,234.00", "not a number"),
            Failure.cell("f.csv", 2, "Budget", "1.5", "not a whole number"),
            Failure.cell("f.csv", 3, "Year", "2.5", "not a whole number"),
            Failure.cell("f.csv", 3, "Date", "02/30/2024", "not a date in MM/DD/YYYY form"),
            Failure.cell("f.csv", 3, "Amount", "NaN", "not a number"),
            Failure.cell(
                "f.csv",
                4,
                "Year",
                "9999999999",
                "not a whole number from -2147483648 to 2147483647"));
    pipeline.run().waitUntilFinish();
  }
}
