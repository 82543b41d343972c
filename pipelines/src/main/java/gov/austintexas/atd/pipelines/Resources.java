package gov.austintexas.atd.pipelines;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Text files packed into the jar: the configuration, SQL and sample data from {@code src/}. */
public final class Resources {
  private Resources() {}

  /** The resource's text (UTF-8), or a usage error naming the missing file. */
  public static String text(String name) {
    try (InputStream in = Resources.class.getClassLoader().getResourceAsStream(name)) {
      if (in == null) {
        throw new UsageException("missing configuration file " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
