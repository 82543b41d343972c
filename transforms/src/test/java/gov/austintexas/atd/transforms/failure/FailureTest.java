package gov.austintexas.atd.transforms.failure;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.testing.CoderProperties;
import org.junit.jupiter.api.Test;

class FailureTest {
  private static final Failure CELL =
      Failure.cell("f.csv", 3, "Fiscal Year", "19\n99", "must be greater than 2000");
  private static final Failure KNACK =
      new Failure("update", "5f1", 0, "field_1", "K3", "HTTP 400", "{\"field_3\":\"x\"}", false);

  @Test
  void theCoderIsDeterministicAndKeepsEveryFieldAndEveryNull() throws Exception {
    CoderProperties.coderDeterministic(Failure.Coder.of(), CELL, CELL);
    for (Failure failure :
        List.of(
            CELL, KNACK, Failure.of("upsert", "abcd-1234", "HTTP 503").asOutage(), emptyWhere())) {
      CoderProperties.coderDecodeEncodeEqual(Failure.Coder.of(), failure);
    }
  }

  @Test
  void describeNamesFileLineColumnValueAndReasonOnOneLine() {
    assertEquals(
        "f.csv, line 3, column \"Fiscal Year\", value \"19\\n99\": must be greater than 2000",
        CELL.describe());
    assertEquals(
        "table spend: the table does not match",
        Failure.of("prepare table", "table spend", "the table does not match").describe());
    assertEquals(
        "s.csv: the source could not be reached: timed out",
        Failure.unreachable("s.csv", "timed out").describe());
    assertEquals(
        "upsert chunk 1 (rows 1-3): HTTP 500",
        Failure.of("upsert chunk 1 (rows 1-3)", "abcd-1234", "HTTP 500").whatAndWhy());
  }

  @Test
  void onlyAnUnreachableSourceIsAnOutage() {
    assertEquals(true, Failure.unreachable("s.csv", "timed out").outage());
    assertEquals(
        false, Failure.row("s.csv", 0, "the file cannot be read: it does not exist").outage());
    assertEquals(false, CELL.outage());
  }

  @Test
  void failuresSortByPlaceLineColumnThenReason() {
    Failure header = Failure.row("a.csv", 1, "the column is missing from the header");
    Failure headerColumn = header.inColumn("Amount", null);
    Failure later = Failure.cell("a.csv", 12, "Amount", "x", "not a number");
    Failure otherFile = Failure.row("b.csv", 0, "the file cannot be read: it does not exist");
    List<Failure> failures = new ArrayList<>(List.of(otherFile, later, headerColumn, header));
    failures.sort(Failure.IN_FILE_ORDER);
    assertEquals(List.of(header, headerColumn, later, otherFile), failures);
  }

  private static Failure emptyWhere() {
    return new Failure("create", null, 0, null, null, "refused", null, false);
  }
}
