package gov.austintexas.atd.transforms.csv;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Finds where CSV records end in a byte stream without decoding it, so that a file can be cut into
 * pieces at record boundaries. It follows RFC 4180 as Commons CSV reads it: a field that starts
 * with a quote runs to the closing quote ({@code ""} is a quote inside it), so a line break in it
 * does not end the record; a quote elsewhere is an ordinary character. A record ends at LF, CRLF or
 * a lone CR. Quotes, commas and line breaks are ASCII, so UTF-8 text needs no decoding to be cut.
 */
final class RecordBoundaryScanner {
  private enum State {
    FIELD_START,
    UNQUOTED,
    QUOTED,
    QUOTE_IN_QUOTED
  }

  private final InputStream in;
  private final byte[] buffer = new byte[1 << 16];
  private int position;
  private int limit;
  private long offset;
  private long lineBreaks;

  private long recordStart;
  private long recordLine;
  private boolean blank;

  RecordBoundaryScanner(InputStream in) {
    this.in = in;
  }

  /**
   * Moves over the next record (its bytes go to {@code capture} when not null); false at the end of
   * the input. An unclosed quote runs to the end of the input.
   */
  boolean next(ByteArrayOutputStream capture) throws IOException {
    if (peek() < 0) {
      return false;
    }
    recordStart = offset;
    recordLine = lineBreaks + 1;
    blank = true;
    State state = State.FIELD_START;
    while (true) {
      int b = read();
      if (b < 0) {
        return true;
      }
      if (capture != null) {
        capture.write(b);
      }
      if (b == '\n' || b == '\r') {
        lineBreaks++;
        if (b == '\r' && peek() == '\n') {
          int lf = read();
          if (capture != null) {
            capture.write(lf);
          }
        }
        if (state != State.QUOTED) {
          return true;
        }
        continue;
      }
      blank = false;
      state =
          switch (state) {
            case FIELD_START ->
                b == '"' ? State.QUOTED : b == ',' ? State.FIELD_START : State.UNQUOTED;
            case UNQUOTED -> b == ',' ? State.FIELD_START : State.UNQUOTED;
            case QUOTED -> b == '"' ? State.QUOTE_IN_QUOTED : State.QUOTED;
            case QUOTE_IN_QUOTED ->
                b == '"' ? State.QUOTED : b == ',' ? State.FIELD_START : State.UNQUOTED;
          };
    }
  }

  /** Where the record just passed starts, in bytes from the start of the input. */
  long recordStart() {
    return recordStart;
  }

  /** Where the record just passed ends (the next one starts), in bytes. */
  long recordEnd() {
    return offset;
  }

  /** The line (1-based) the record just passed starts on. */
  long recordLine() {
    return recordLine;
  }

  /** The record just passed is an empty line. */
  boolean blank() {
    return blank;
  }

  private int peek() throws IOException {
    if (position == limit && !fill()) {
      return -1;
    }
    return buffer[position] & 0xFF;
  }

  private int read() throws IOException {
    if (position == limit && !fill()) {
      return -1;
    }
    offset++;
    return buffer[position++] & 0xFF;
  }

  private boolean fill() throws IOException {
    int read = in.read(buffer, 0, buffer.length);
    if (read <= 0) {
      return false;
    }
    position = 0;
    limit = read;
    return true;
  }
}
