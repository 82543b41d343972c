package gov.austintexas.atd.pipelines;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a launcher run printed on one stream, split into the text before the last line and the
 * {@code run report: <path>} line that ends it, so tests compare the summary exactly and check the
 * report on its own.
 */
public record Printed(String text, String runReport) {
  private static final Pattern REPORT_LINE = Pattern.compile("(?m)^run report: (.*)\\n\\z");

  public static Printed of(String output) {
    Matcher line = REPORT_LINE.matcher(output);
    return line.find()
        ? new Printed(output.substring(0, line.start()), line.group(1))
        : new Printed(output, null);
  }
}
