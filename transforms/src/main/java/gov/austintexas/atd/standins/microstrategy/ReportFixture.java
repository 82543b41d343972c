package gov.austintexas.atd.standins.microstrategy;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;
import java.util.function.IntFunction;

/**
 * A report the emulator serves: its attributes (each with one or more forms), its metrics and its
 * rows. Rows are asked for by index, so a fixture may make them on demand and a large report costs
 * no memory.
 */
public interface ReportFixture {

  /** An attribute and the names of its forms, e.g. {@code Fund} with {@code Code, Long Name}. */
  record Attribute(String name, List<String> forms) {}

  /**
   * One row: each attribute's form values (in form order), then each metric (null when missing).
   */
  record Row(List<List<String>> attributeForms, List<BigDecimal> metrics) {}

  List<Attribute> attributes();

  List<String> metrics();

  int rowCount();

  Row row(int index);

  /** A fixture with its rows given. */
  static ReportFixture of(List<Attribute> attributes, List<String> metrics, List<Row> rows) {
    return generated(attributes, metrics, rows.size(), rows::get);
  }

  /** A fixture of {@code rowCount} rows, each made by {@code rows} when it is asked for. */
  static ReportFixture generated(
      List<Attribute> attributes, List<String> metrics, int rowCount, IntFunction<Row> rows) {
    return new ReportFixture() {
      @Override
      public List<Attribute> attributes() {
        return attributes;
      }

      @Override
      public List<String> metrics() {
        return metrics;
      }

      @Override
      public int rowCount() {
        return rowCount;
      }

      @Override
      public Row row(int index) {
        return rows.apply(Objects.checkIndex(index, rowCount));
      }
    };
  }
}
