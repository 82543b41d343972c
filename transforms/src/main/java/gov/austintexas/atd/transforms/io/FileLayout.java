package gov.austintexas.atd.transforms.io;

import java.io.Serializable;

/**
 * The fixed text of a one-file output: what the file starts with, what goes between two records and
 * what it ends with. Every staged part is laid out the same way, so that parts can be joined by
 * dropping the inner {@code close}/{@code open} pairs.
 */
record FileLayout(String open, String separator, String close) implements Serializable {
  /** {@code [\n a,\n b\n]\n}: one JSON value per line. */
  static final FileLayout JSON_ARRAY = new FileLayout("[\n", ",\n", "\n]\n");

  /** Parts that are already complete text (a CSV header is simply the first part's text). */
  static final FileLayout CONCATENATED = new FileLayout("", "", "");

  /** A file with no records: {@code []\n} for a JSON array. */
  String empty() {
    return open.strip() + close.strip() + (close.endsWith("\n") ? "\n" : "");
  }
}
