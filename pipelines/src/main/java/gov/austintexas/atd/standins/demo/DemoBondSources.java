package gov.austintexas.atd.standins.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import gov.austintexas.atd.pipelines.Resources;
import gov.austintexas.atd.transforms.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;

/**
 * bond-data's sources for the demo and the sandbox: the packed {@code sources.json} with every
 * published-sheet URL replaced by the path of that source's demo sheet ({@code
 * src/sample/bond-demo/}), copied to a local folder. The MicroStrategy reports keep their plain
 * keys, found under bond-data's {@code --input}.
 */
public final class DemoBondSources {
  static final String PACKED_SOURCES = "atd/bond/sources.json";
  static final String SAMPLE_SHEETS = "atd/sample/bond-demo/";

  private DemoBondSources() {}

  /**
   * Writes {@code sheetsDir/{source}.csv} for every sheet source and the sources file; returns the
   * file.
   */
  public static Path write(Path sheetsDir, Path sourcesFile) throws IOException {
    Files.createDirectories(sheetsDir);
    Files.createDirectories(sourcesFile.getParent());
    ObjectNode config = (ObjectNode) Json.MAPPER.readTree(Resources.text(PACKED_SOURCES));
    for (Iterator<Map.Entry<String, JsonNode>> sources = config.get("sources").fields();
        sources.hasNext(); ) {
      Map.Entry<String, JsonNode> source = sources.next();
      if (source.getValue().get("location").asText().startsWith("https://")) {
        Path sheet = sheetsDir.resolve(source.getKey() + ".csv");
        Files.writeString(sheet, Resources.text(SAMPLE_SHEETS + source.getKey() + ".csv"));
        ((ObjectNode) source.getValue()).put("location", sheet.toString());
      }
    }
    Files.writeString(
        sourcesFile,
        Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(config) + "\n");
    return sourcesFile;
  }
}
