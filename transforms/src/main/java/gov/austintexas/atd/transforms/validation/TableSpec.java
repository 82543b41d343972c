package gov.austintexas.atd.transforms.validation;

import java.io.Serializable;
import java.util.List;
import org.apache.beam.sdk.schemas.Schema;

/**
 * A table fed from one CSV: its name and its columns, each mapped from a CSV column. A {@link
 * ColumnType#DATE} column is read from {@code MM/DD/YYYY}.
 */
public record TableSpec(String table, List<ColumnSpec> columns) implements Serializable {

  public TableSpec {
    columns = List.copyOf(columns);
  }

  public List<String> csvNames() {
    return columns.stream().map(ColumnSpec::csvName).toList();
  }

  public List<String> columnNames() {
    return columns.stream().map(ColumnSpec::name).toList();
  }

  /** The Beam schema of the table's rows: every field nullable, as every table column is. */
  public Schema schema() {
    Schema.Builder schema = Schema.builder();
    for (ColumnSpec column : columns) {
      schema.addNullableField(column.name(), column.type().beamType());
    }
    return schema.build();
  }
}
