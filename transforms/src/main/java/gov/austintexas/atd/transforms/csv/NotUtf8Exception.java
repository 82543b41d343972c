package gov.austintexas.atd.transforms.csv;

import java.io.IOException;

/** The input has bytes that are not UTF-8. */
public class NotUtf8Exception extends IOException {
  private static final long serialVersionUID = 1L;

  public NotUtf8Exception(String message) {
    super(message);
  }
}
