package gov.austintexas.atd.pipelines.s3tosocrata;

import com.fasterxml.jackson.databind.node.ObjectNode;
import gov.austintexas.atd.pipelines.UsageException;
import gov.austintexas.atd.transforms.json.ObjectNodeCoder;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;

/**
 * The four finance datasets published to Socrata: where each one's rows come from, where its id is
 * configured, and how its rows are shaped. Rows keep their position in the file, so "the first row"
 * stays meaningful.
 */
enum FinanceDataset {
  TASK_ORDERS(
      "task_orders",
      "task_orders.json",
      "TASK_DATASET",
      "--taskOrdersDataset",
      S3ToSocrataOptions::getTaskOrdersDataset),
  DEPT_UNITS(
      "dept_units",
      "units.json",
      "DEPT_UNITS_DATASET",
      "--deptUnitsDataset",
      S3ToSocrataOptions::getDeptUnitsDataset),
  FDUS("fdus", "fdus.json", "FDU_DATASET", "--fdusDataset", S3ToSocrataOptions::getFdusDataset),
  SUBPROJECTS(
      "subprojects",
      "subprojects.json",
      "SUBPROJECTS_DATASET",
      "--subprojectsDataset",
      S3ToSocrataOptions::getSubprojectsDataset);

  final String label;
  final String sourceFile;
  final String variable;
  final String flag;
  final Function<S3ToSocrataOptions, String> option;

  FinanceDataset(
      String label,
      String sourceFile,
      String variable,
      String flag,
      Function<S3ToSocrataOptions, String> option) {
    this.label = label;
    this.sourceFile = sourceFile;
    this.variable = variable;
    this.flag = flag;
    this.option = option;
  }

  /** {@code all} or one dataset's name; anything else is a usage error. */
  static List<FinanceDataset> select(String name) {
    String wanted = name == null ? "all" : name.strip().toLowerCase(Locale.ROOT);
    if (wanted.equals("all")) {
      return List.of(values());
    }
    return Arrays.stream(values())
        .filter(dataset -> dataset.label.equals(wanted))
        .findFirst()
        .map(List::of)
        .orElseThrow(
            () ->
                new UsageException(
                    "unknown dataset '"
                        + name
                        + "'; known: task_orders, dept_units, fdus,"
                        + " subprojects, all"));
  }

  /** The dataset's transformation of the file's rows. */
  PCollection<KV<Long, ObjectNode>> shape(PCollection<KV<Long, ObjectNode>> rows) {
    switch (this) {
      case TASK_ORDERS:
        return rows.apply("Rename task order columns", ParDo.of(new MapRowFn(MapRowFn.TASK_ORDER)))
            .setCoder(KvCoder.of(VarLongCoder.of(), ObjectNodeCoder.of()));
      case SUBPROJECTS:
        return rows.apply("Drop manager columns", ParDo.of(new MapRowFn(MapRowFn.SUBPROJECT)))
            .setCoder(KvCoder.of(VarLongCoder.of(), ObjectNodeCoder.of()))
            .apply("First row of each SP_NUMBER_TXT", KeepOnePerKey.first("SP_NUMBER_TXT"));
      default:
        return rows;
    }
  }

  /** One of {@link FinanceRows}' functions on each row, keeping its position. */
  static class MapRowFn extends DoFn<KV<Long, ObjectNode>, KV<Long, ObjectNode>> {
    private static final long serialVersionUID = 1L;
    static final int TASK_ORDER = 0;
    static final int SUBPROJECT = 1;
    private final int function;

    MapRowFn(int function) {
      this.function = function;
    }

    @ProcessElement
    public void processElement(
        @Element KV<Long, ObjectNode> row, OutputReceiver<KV<Long, ObjectNode>> out) {
      ObjectNode shaped =
          function == TASK_ORDER
              ? FinanceRows.taskOrder(row.getValue())
              : FinanceRows.subproject(row.getValue());
      out.output(KV.of(row.getKey(), shaped));
    }
  }
}
