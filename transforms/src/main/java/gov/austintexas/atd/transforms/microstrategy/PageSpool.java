package gov.austintexas.atd.transforms.microstrategy;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The pages of one read, kept in a local temporary file until the read is complete, so that a read
 * that starts over (its instance lost with an expired session) emits nothing of the first
 * execution, and no memory holds the whole report.
 */
final class PageSpool implements ReportReader.PageSink, AutoCloseable {
  private final Path file;
  private OutputStream out;
  private int pages;

  PageSpool() throws IOException {
    file = Files.createTempFile("microstrategy-pages-", ".bin");
    out = open();
  }

  @Override
  public void accept(ReportPage page) throws IOException {
    ReportPage.Coder.of().encode(page, out);
    pages++;
  }

  @Override
  public void restart() throws IOException {
    out.close();
    out = open();
    pages = 0;
  }

  /** Receives a spooled page. */
  interface PageConsumer {
    void accept(ReportPage page) throws IOException;
  }

  /** Hands every page of the completed read to {@code consumer}, in order. */
  void replay(PageConsumer consumer) throws IOException {
    out.close();
    try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
      for (int i = 0; i < pages; i++) {
        consumer.accept(ReportPage.Coder.of().decode(in));
      }
    }
  }

  @Override
  public void close() throws IOException {
    out.close();
    Files.deleteIfExists(file);
  }

  private OutputStream open() throws IOException {
    return new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
  }
}
