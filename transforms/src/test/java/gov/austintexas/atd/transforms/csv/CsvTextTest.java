package gov.austintexas.atd.transforms.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvTextTest {

  @Test
  void quotesOnlyCommasQuotesAndLineBreaksAndLeavesMissingValuesEmpty() {
    String text =
        CsvText.of(
            List.of("Fund@Code", "Fund@Long Name", "Obligated"),
            List.of(
                Arrays.asList("8012", "Bond, 2020", "1234.5"),
                Arrays.asList("8013", "Say \"when\"", null),
                Arrays.asList("8014", "two\nlines", "-0.01")));

    assertEquals(
        "Fund@Code,Fund@Long Name,Obligated\n"
            + "8012,\"Bond, 2020\",1234.5\n"
            + "8013,\"Say \"\"when\"\"\",\n"
            + "8014,\"two\nlines\",-0.01\n",
        text);
  }
}
