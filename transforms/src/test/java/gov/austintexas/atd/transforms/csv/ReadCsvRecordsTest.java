package gov.austintexas.atd.transforms.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;

import gov.austintexas.atd.testing.StaticFilesServer;
import gov.austintexas.atd.transforms.failure.Failure;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestPipelineExtension;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(TestPipelineExtension.class)
class ReadCsvRecordsTest {
  @RegisterExtension static final StaticFilesServer web = new StaticFilesServer();

  private static final List<String> COLUMNS = List.of("Date", "Amount", "Name");

  @Test
  void keepsTheNamedColumnsInOrderWithTheLineEachRecordStartsOn(
      TestPipeline pipeline, @TempDir Path dir) throws Exception {
    Path file = dir.resolve("report.csv");
    Files.writeString(
        file,
        "\uFEFFName,Extra,Amount,Date\r\n"
            + "\"Bond, 2020\",x,1.50,10/01/2023\r\n"
            + "\"two\nlines\",y,-2,10/02/2023\r\n"
            + "\r\n"
            + "\"say \"\"hi\"\"\",z,,10/03/2023\r\n",
        StandardCharsets.UTF_8);

    PCollectionTuple read =
        pipeline.apply(Create.of(file.toString())).apply(ReadCsvRecords.columns(COLUMNS));

    PAssert.that(read.get(ReadCsvRecords.RECORDS))
        .containsInAnyOrder(
            new CsvRecord(2, List.of("10/01/2023", "1.50", "Bond, 2020")),
            new CsvRecord(3, List.of("10/02/2023", "-2", "two\nlines")),
            new CsvRecord(6, List.of("10/03/2023", "", "say \"hi\"")));
    PAssert.that(read.get(ReadCsvRecords.INVALID)).empty();
    pipeline.run().waitUntilFinish();
  }

  @Test
  void cutsAFileIntoChunksAtRecordBoundariesAndKeepsTheFilesLineNumbers(
      TestPipeline pipeline, @TempDir Path dir) throws Exception {
    StringBuilder csv = new StringBuilder("Name,Amount,Date\r\n");
    List<CsvRecord> expected = new ArrayList<>();
    long line = 2;
    for (int i = 0; i < 200; i++) {
      // Every third name spans two lines and holds a quote and a comma; every tenth row is a blank
      // line.
      String name = i % 3 == 0 ? "n" + i + " \"q\",\r\nnext" : "n" + i;
      String field = i % 3 == 0 ? "\"" + name.replace("\"", "\"\"") + "\"" : name;
      csv.append(field)
          .append(',')
          .append(i)
          .append(".5,1/")
          .append(1 + i % 28)
          .append("/2024\r\n");
      expected.add(new CsvRecord(line, List.of("1/" + (1 + i % 28) + "/2024", i + ".5", name)));
      line += i % 3 == 0 ? 2 : 1;
      if (i % 10 == 9) {
        csv.append("\r\n");
        line++;
      }
    }
    Path file = dir.resolve("chunks.csv");
    Files.writeString(file, csv, StandardCharsets.UTF_8);

    PCollectionTuple read =
        pipeline
            .apply(Create.of(file.toString()))
            .apply(ReadCsvRecords.columns(COLUMNS).withChunkBytes(64));

    PAssert.that(read.get(ReadCsvRecords.RECORDS)).containsInAnyOrder(expected);
    PAssert.that(read.get(ReadCsvRecords.INVALID)).empty();
    pipeline.run().waitUntilFinish();
  }

  @Test
  void aSheetEditedWhileItIsReadIsDownloadedOnceAndLoadsOneVersion(TestPipeline pipeline) {
    StringBuilder first = new StringBuilder("Date,Amount,Name\n");
    StringBuilder edited = new StringBuilder("Date,Amount,Name\n");
    List<CsvRecord> expected = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      first.append("1/2/2024,").append(i).append(",n").append(i).append('\n');
      expected.add(new CsvRecord(i + 2, List.of("1/2/2024", String.valueOf(i), "n" + i)));
      // The edit shifts every byte, so a chunk read from it would cut records apart.
      edited.append("1/2/2024,").append(1000 + i).append(",edited ").append(i).append('\n');
    }
    web.putThenEdit(
        "edited.csv",
        first.toString().getBytes(StandardCharsets.UTF_8),
        edited.toString().getBytes(StandardCharsets.UTF_8));

    PCollectionTuple read =
        pipeline
            .apply(Create.of(web.url("edited.csv")))
            .apply(ReadCsvRecords.columns(COLUMNS).withChunkBytes(64));

    PAssert.that(read.get(ReadCsvRecords.RECORDS)).containsInAnyOrder(expected);
    PAssert.that(read.get(ReadCsvRecords.INVALID)).empty();
    pipeline.run().waitUntilFinish();
    assertEquals(
        List.of("GET /edited.csv"),
        web.requests().stream().filter(r -> r.equals("GET /edited.csv")).toList(),
        "downloaded once");
  }

  @Test
  void readsAnUrlThroughARedirect(TestPipeline pipeline) {
    web.put("sheet.csv", "Date,Amount,Name\n1/2/2024,3,n\n".getBytes(StandardCharsets.UTF_8));
    web.redirect("pub", "sheet.csv");

    PCollectionTuple read =
        pipeline.apply(Create.of(web.url("pub"))).apply(ReadCsvRecords.columns(COLUMNS));

    PAssert.that(read.get(ReadCsvRecords.RECORDS))
        .containsInAnyOrder(new CsvRecord(2, List.of("1/2/2024", "3", "n")));
    pipeline.run().waitUntilFinish();
  }

  @Test
  void filesThatCannotBeLoadedAreProblemsNotFailures(TestPipeline pipeline, @TempDir Path dir)
      throws Exception {
    Path missingColumns = dir.resolve("missing.csv");
    Files.writeString(missingColumns, "Name,Other\nn,o\n");
    Path empty = dir.resolve("empty.csv");
    Files.writeString(empty, "");
    Path unterminated = dir.resolve("unterminated.csv");
    Files.writeString(unterminated, "Date,Amount,Name\n1/2/2024,3,\"open\n");
    Path badHeader = dir.resolve("bad-header.csv");
    Files.write(
        badHeader, "Date,Amount,Nam\u00e9\n1/2/2024,3,n\n".getBytes(StandardCharsets.ISO_8859_1));
    String absent = dir.resolve("absent.csv").toString();
    web.fail("gone.csv", 404);

    PCollectionTuple read =
        pipeline
            .apply(
                Create.of(
                    missingColumns.toString(),
                    empty.toString(),
                    unterminated.toString(),
                    badHeader.toString(),
                    absent,
                    web.url("gone.csv")))
            .apply(ReadCsvRecords.columns(COLUMNS));

    PAssert.that(read.get(ReadCsvRecords.RECORDS)).empty();
    PAssert.that(read.get(ReadCsvRecords.INVALID))
        .containsInAnyOrder(
            Failure.row(missingColumns.toString(), 1, "the column is missing from the header")
                .inColumn("Date", null),
            Failure.row(missingColumns.toString(), 1, "the column is missing from the header")
                .inColumn("Amount", null),
            Failure.row(empty.toString(), 1, "the file is empty: it has no header row"),
            Failure.row(
                unterminated.toString(),
                2,
                "the file is not valid CSV: EOF reached before encapsulated token finished"),
            Failure.row(
                badHeader.toString(), 1, "the file is not UTF-8 text (byte 0xE9 is not UTF-8)"),
            Failure.row(absent, 0, "the file cannot be read: it does not exist"),
            Failure.row(
                web.url("gone.csv"), 0, "the file cannot be read: HTTP 404 from 127.0.0.1"));
    pipeline.run().waitUntilFinish();
  }
}
