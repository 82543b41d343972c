package gov.austintexas.atd.transforms.validation;

import gov.austintexas.atd.transforms.csv.CsvRecord;
import gov.austintexas.atd.transforms.failure.Failure;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.values.Row;

/**
 * Checks a {@link CsvRecord} (values in {@link TableSpec} column order) against the table's columns
 * and makes it a {@link Row} of the table's schema; every bad cell is a problem naming the file,
 * line, CSV column, value and reason.
 */
public final class RowValidator {
  private final TableSpec table;
  private final Schema schema;

  public RowValidator(TableSpec table) {
    this.table = table;
    this.schema = table.schema();
  }

  /**
   * The row, or null when some cell is bad (each bad cell then goes to {@code problems}, naming
   * {@code file}).
   */
  public Row validate(CsvRecord record, String file, Consumer<Failure> problems) {
    List<ColumnSpec> columns = table.columns();
    List<Object> values = new ArrayList<>(columns.size());
    boolean ok = true;
    for (int i = 0; i < columns.size(); i++) {
      ColumnSpec column = columns.get(i);
      String cell = record.values().get(i);
      CellParser.Parsed parsed = CellParser.parse(column, cell);
      if (parsed.problem() != null) {
        problems.accept(
            Failure.cell(file, record.line(), column.csvName(), cell, parsed.problem()));
        ok = false;
      }
      values.add(parsed.value());
    }
    return ok ? Row.withSchema(schema).addValues(values).build() : null;
  }
}
