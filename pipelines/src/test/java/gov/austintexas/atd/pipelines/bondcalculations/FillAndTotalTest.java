package gov.austintexas.atd.pipelines.bondcalculations;

import static org.junit.jupiter.api.Assertions.assertEquals;

import gov.austintexas.atd.transforms.io.StagedJsonArrayFile;
import gov.austintexas.atd.transforms.io.WriteJsonArrayFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestPipelineExtension;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fill and running totals in one grouping give the rows of {@link Expenses2020.Fill} then
 * {@link Expenses2020.Datasets} (the cases of {@link ExpenseFillTest}, with a second date in one
 * month), and one fill row per series and month for the summaries.
 */
@ExtendWith(TestPipelineExtension.class)
class FillAndTotalTest {

  private static PCollection<String> describe(PCollection<String> rows, String name) {
    return rows.apply(
        name, MapElements.into(TypeDescriptors.strings()).via(ExpenseFillTest::describe));
  }

  @Test
  void fillsTotalsSplitsByTheLatestYearAndKeepsOneFillPerSeriesAndMonth(TestPipeline pipeline) {
    FillAndTotal<Expense2020Row, KV<String, Integer>> filled = Expenses2020.fillAndTotal();
    PCollectionTuple out =
        pipeline
            .apply(
                Create.of(
                    ExpenseFillTest.expense2020("X", 2024, "2024-01-02", "2.5", 1),
                    ExpenseFillTest.expense2020("X", 2024, "2023-11-01", "1", 2),
                    ExpenseFillTest.expense2020("X", 2024, "2024-01-02", null, 3),
                    ExpenseFillTest.expense2020("Y", 2023, "2023-11-01", "4", 4),
                    ExpenseFillTest.expense2020("Y", 2023, "2023-11-15", "5", 5)))
            .apply(filled.packing())
            .apply(filled);
    PAssert.that(describe(out.get(filled.rows()), "Rows"))
        .containsInAnyOrder(
            "1FDX|2024|2023-11-01|1|1|1|1",
            "1FDX|2024|2023-11-15|0|1|0|1",
            "1FDX|2024|2024-01-02|2.5|3.5|1|2",
            "1FDX|2024|2024-01-02|null|null|1|3",
            "1FDX|2023|2023-11-01|0|0|0|0",
            "1FDX|2023|2023-11-15|0|0|0|0",
            "1FDX|2023|2024-01-02|0|0|0|0",
            "1FDY|2023|2023-11-01|4|4|1|1",
            "1FDY|2023|2023-11-15|5|9|1|2",
            "1FDY|2023|2024-01-02|0|9|0|2",
            "1FDY|2024|2023-11-01|0|0|0|0",
            "1FDY|2024|2023-11-15|0|0|0|0",
            "1FDY|2024|2024-01-02|0|0|0|0");
    PAssert.that(describe(out.get(filled.beforeLatest()), "Before latest"))
        .containsInAnyOrder(
            "1FDX|2023|2023-11-01|0|0|0|0",
            "1FDX|2023|2023-11-15|0|0|0|0",
            "1FDX|2023|2024-01-02|0|0|0|0",
            "1FDY|2023|2023-11-01|4|4|1|1",
            "1FDY|2023|2023-11-15|5|9|1|2",
            "1FDY|2023|2024-01-02|0|9|0|2");
    PAssert.that(
            out.get(filled.fills())
                .apply(
                    "Fills",
                    MapElements.into(TypeDescriptors.strings())
                        .via(
                            row ->
                                row.aimsDeptProgAct()
                                    + "|"
                                    + row.fiscalYear()
                                    + "|"
                                    + row.date()
                                    + "|"
                                    + row.expenses())))
        .containsInAnyOrder(
            "1FDX|2024|2023-11-15|0",
            "1FDX|2023|2023-11-01|0",
            "1FDX|2023|2024-01-02|0",
            "1FDY|2023|2024-01-02|0",
            "1FDY|2024|2023-11-01|0",
            "1FDY|2024|2024-01-02|0");
    pipeline.run().waitUntilFinish();
  }

  /** The rows written into the files' parts as they are made, and published, are the same rows. */
  @Test
  void writesTheSameRowsIntoTheFilesParts(TestPipeline pipeline, @TempDir Path directory)
      throws Exception {
    StagedJsonArrayFile rowsFile =
        WriteJsonArrayFile.to(directory + "/", "rows.json").allowEmpty().staged();
    StagedJsonArrayFile beforeFile =
        WriteJsonArrayFile.to(directory + "/", "before.json").allowEmpty().staged();
    FillAndTotal<Expense2020Row, KV<String, Integer>> filled =
        Expenses2020.fillAndTotal().writingTo(rowsFile, beforeFile).withoutRowElements();
    PCollectionTuple out =
        pipeline
            .apply(
                Create.of(
                    ExpenseFillTest.expense2020("X", 2024, "2024-01-02", "2.5", 1),
                    ExpenseFillTest.expense2020("Y", 2023, "2023-11-01", "4", 4)))
            .apply(filled.packing())
            .apply(filled);
    PAssert.that(out.get(filled.rows())).empty();
    out.get(filled.rowParts()).apply("Publish rows", rowsFile.publish());
    out.get(filled.beforeLatestParts()).apply("Publish before", beforeFile.publish());
    pipeline.run().waitUntilFinish();

    assertEquals(
        List.of(
            "1FDX|2023|2023-11-01|0|0|0|0",
            "1FDX|2023|2024-01-02|0|0|0|0",
            "1FDX|2024|2023-11-01|0|0|0|0",
            "1FDX|2024|2024-01-02|2.5|2.5|1|1",
            "1FDY|2023|2023-11-01|4|4|1|1",
            "1FDY|2023|2024-01-02|0|4|0|1",
            "1FDY|2024|2023-11-01|0|0|0|0",
            "1FDY|2024|2024-01-02|0|0|0|0"),
        described(directory.resolve("rows.json")));
    assertEquals(
        List.of(
            "1FDX|2023|2023-11-01|0|0|0|0",
            "1FDX|2023|2024-01-02|0|0|0|0",
            "1FDY|2023|2023-11-01|4|4|1|1",
            "1FDY|2023|2024-01-02|0|4|0|1"),
        described(directory.resolve("before.json")));
  }

  private static List<String> described(Path file) throws Exception {
    List<String> lines = Files.readAllLines(file);
    return lines.subList(1, lines.size() - 1).stream()
        .map(line -> line.endsWith(",") ? line.substring(0, line.length() - 1) : line)
        .map(ExpenseFillTest::describe)
        .sorted()
        .toList();
  }
}
