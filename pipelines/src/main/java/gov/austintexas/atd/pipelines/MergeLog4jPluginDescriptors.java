package gov.austintexas.atd.pipelines;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import org.apache.logging.log4j.core.config.plugins.processor.PluginCache;
import org.apache.logging.log4j.core.config.plugins.processor.PluginProcessor;

/**
 * A build step (pipelines/pom.xml, prepare-package): Log4j finds its plugins through one {@code
 * Log4j2Plugins.dat} per jar, and the shaded jar can hold only one, so this writes the union of the
 * class path's descriptors (log4j-core's and the JSON template layout's) into the module's classes,
 * whose copy the shaded jar keeps.
 */
public final class MergeLog4jPluginDescriptors {
  private MergeLog4jPluginDescriptors() {}

  public static void main(String[] args) throws IOException {
    Path target = Path.of(args[0]).resolve(PluginProcessor.PLUGIN_CACHE_FILE);
    String own = target.toUri().toString();
    List<URL> descriptors =
        Collections.list(
            MergeLog4jPluginDescriptors.class
                .getClassLoader()
                .getResources(PluginProcessor.PLUGIN_CACHE_FILE));
    PluginCache merged = new PluginCache();
    merged.loadCacheFiles(
        Collections.enumeration(
            descriptors.stream().filter(url -> !url.toString().equals(own)).toList()));
    Files.createDirectories(target.getParent());
    try (OutputStream out = Files.newOutputStream(target)) {
      merged.writeCache(out);
    }
  }
}
