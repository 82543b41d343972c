package gov.austintexas.atd.transforms.validation;

import org.apache.beam.sdk.schemas.Schema.FieldType;
import org.apache.beam.sdk.schemas.logicaltypes.SqlTypes;

/** The column types a CSV source can load, their PostgreSQL types and their Beam field types. */
public enum ColumnType {
  TEXT("text", FieldType.STRING),
  INT("integer", FieldType.INT32),
  NUMERIC("numeric", FieldType.DECIMAL),
  DATE("date", FieldType.logicalType(SqlTypes.DATE));

  private final String postgresType;
  private final FieldType beamType;

  ColumnType(String postgresType, FieldType beamType) {
    this.postgresType = postgresType;
    this.beamType = beamType;
  }

  /** As PostgreSQL's information_schema names it. */
  public String postgresType() {
    return postgresType;
  }

  public FieldType beamType() {
    return beamType;
  }
}
