package gov.austintexas.atd.transforms.validation;

import gov.austintexas.atd.transforms.csv.CsvRecord;
import gov.austintexas.atd.transforms.failure.Failure;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;

/**
 * Checks each {@link CsvRecord} (values in {@link TableSpec} column order) against the table's
 * columns and makes it a {@link Row} of the table's schema. Outputs {@link #VALID} rows and {@link
 * #INVALID} cells, one per bad cell, each naming the file, line, CSV column, value and reason. A
 * row with any bad cell is not output as valid.
 */
public class ValidateRecords extends PTransform<PCollection<CsvRecord>, PCollectionTuple> {
  private static final long serialVersionUID = 1L;
  public static final TupleTag<Row> VALID = new TupleTag<>() {};
  public static final TupleTag<Failure> INVALID = new TupleTag<>() {};

  private final TableSpec table;
  private final String file;

  private ValidateRecords(TableSpec table, String file) {
    this.table = table;
    this.file = file;
  }

  /** Validates records read from {@code file} (named in the problems) for {@code table}. */
  public static ValidateRecords against(TableSpec table, String file) {
    return new ValidateRecords(table, file);
  }

  @Override
  public PCollectionTuple expand(PCollection<CsvRecord> records) {
    PCollectionTuple outputs =
        records.apply(
            "Validate " + table.table(),
            ParDo.of(new ValidateFn(table, file)).withOutputTags(VALID, TupleTagList.of(INVALID)));
    outputs.get(VALID).setRowSchema(table.schema());
    return outputs;
  }

  static class ValidateFn extends DoFn<CsvRecord, Row> {
    private static final long serialVersionUID = 1L;
    private final Counter valid = Metrics.counter(ValidateRecords.class, "valid_rows");
    private final Counter invalid = Metrics.counter(ValidateRecords.class, "invalid_rows");
    private final TableSpec table;
    private final String file;
    private transient RowValidator validator;

    ValidateFn(TableSpec table, String file) {
      this.table = table;
      this.file = file;
    }

    @Setup
    public void setup() {
      validator = new RowValidator(table);
    }

    @ProcessElement
    public void processElement(@Element CsvRecord record, MultiOutputReceiver out) {
      Row row = validator.validate(record, file, problem -> out.get(INVALID).output(problem));
      if (row != null) {
        out.get(VALID).output(row);
        valid.inc();
      } else {
        invalid.inc();
      }
    }
  }
}
