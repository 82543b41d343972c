package gov.austintexas.atd.transforms.csv;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Decodes UTF-8 and fails on the first byte that is not, but only after handing out every character
 * before it. (The JDK's InputStreamReader drops the characters it decoded in the same read as a bad
 * byte, so a CSV parser would place the error a whole buffer too early.)
 */
final class StrictUtf8Reader extends Reader {
  private final InputStream in;
  private final CharsetDecoder decoder =
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT);
  private final ByteBuffer bytes = ByteBuffer.allocate(1 << 16).flip();
  private boolean endOfInput;

  StrictUtf8Reader(InputStream in) {
    this.in = in;
  }

  @Override
  public int read(char[] buffer, int offset, int length) throws IOException {
    if (length == 0) {
      return 0;
    }
    CharBuffer out = CharBuffer.wrap(buffer, offset, length);
    while (true) {
      CoderResult result = decoder.decode(bytes, out, endOfInput);
      int decoded = out.position() - offset;
      if (result.isError()) {
        if (decoded > 0) {
          return decoded; // the bad byte stays first in line and fails the next read
        }
        throw new NotUtf8Exception(
            String.format("byte 0x%02X is not UTF-8", bytes.get(bytes.position()) & 0xFF));
      }
      if (decoded > 0) {
        return decoded;
      }
      if (endOfInput) {
        if (bytes.hasRemaining()) {
          throw new NotUtf8Exception("the file ends inside a UTF-8 character");
        }
        return -1;
      }
      bytes.compact();
      int read = in.read(bytes.array(), bytes.position(), bytes.remaining());
      if (read < 0) {
        endOfInput = true;
      } else {
        bytes.position(bytes.position() + read);
      }
      bytes.flip();
    }
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
