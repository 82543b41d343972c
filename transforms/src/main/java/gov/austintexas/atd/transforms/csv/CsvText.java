package gov.austintexas.atd.transforms.csv;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * CSV text as the bond reports are written: RFC 4180 quoting where needed, {@code \n} line ends.
 */
public final class CsvText {
  /**
   * Quotes a value only when it holds a comma, a quote or a line break (or would otherwise be
   * misread); a missing value is an empty cell. {@code \n} ends lines, as the old tool's files did.
   */
  public static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder().setRecordSeparator("\n").get();

  private CsvText() {}

  /** The records as CSV text, after the header when there is one. */
  public static String of(List<String> header, List<? extends List<String>> records) {
    StringBuilder text = new StringBuilder();
    try (CSVPrinter printer = new CSVPrinter(text, FORMAT)) {
      if (header != null) {
        printer.printRecord(header);
      }
      for (List<String> record : records) {
        printer.printRecord(record);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a StringBuilder does not fail
    }
    return text.toString();
  }
}
