package gov.austintexas.atd.transforms.json;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import gov.austintexas.atd.transforms.BadDataException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.io.FileIO;
import org.apache.beam.sdk.io.fs.EmptyMatchTreatment;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;

/**
 * Reads a file holding one JSON array of objects, such as {@code finance-to-s3} writes, as {@code
 * KV(position in the file, object)}. The array is parsed as a stream, so the file is never held
 * whole; the position keeps "the first record" meaningful after a shuffle.
 *
 * <p>A missing file, invalid JSON or an element that is not an object fails the run with a {@link
 * BadDataException} naming the file, the line and the column.
 */
public class ReadJsonArrayFile extends PTransform<PBegin, PCollection<KV<Long, ObjectNode>>> {
  private static final long serialVersionUID = 1L;
  private final String path;
  private final String counterName;

  private ReadJsonArrayFile(String path, String counterName) {
    this.path = path;
    this.counterName = counterName;
  }

  public static ReadJsonArrayFile from(String path) {
    return new ReadJsonArrayFile(path, "json_objects_read");
  }

  /** Counts the objects read in a counter of this name (namespace: this class). */
  public ReadJsonArrayFile withCounter(String name) {
    return new ReadJsonArrayFile(path, name);
  }

  @Override
  public PCollection<KV<Long, ObjectNode>> expand(PBegin begin) {
    return begin
        .apply(
            "Match",
            FileIO.match().filepattern(path).withEmptyMatchTreatment(EmptyMatchTreatment.DISALLOW))
        .apply("Open", FileIO.readMatches())
        .apply("Parse", ParDo.of(new ParseArrayFn(counterName)))
        .setCoder(KvCoder.of(VarLongCoder.of(), ObjectNodeCoder.of()));
  }

  static class ParseArrayFn extends DoFn<FileIO.ReadableFile, KV<Long, ObjectNode>> {
    private static final long serialVersionUID = 1L;
    private final Counter read;

    ParseArrayFn(String counterName) {
      this.read = Metrics.counter(ReadJsonArrayFile.class, counterName);
    }

    @ProcessElement
    public void processElement(
        @Element FileIO.ReadableFile file, OutputReceiver<KV<Long, ObjectNode>> out)
        throws IOException {
      String name = file.getMetadata().resourceId().toString();
      try (InputStream in = Channels.newInputStream(file.open());
          JsonParser parser = Json.MAPPER.createParser(in)) {
        if (parser.nextToken() != JsonToken.START_ARRAY) {
          throw bad(name, parser.currentLocation(), "the file is not a JSON array");
        }
        long position = 0;
        for (JsonToken token = parser.nextToken();
            token != JsonToken.END_ARRAY;
            token = parser.nextToken()) {
          if (token == null) {
            throw bad(name, parser.currentLocation(), "the array is not closed");
          }
          JsonLocation start = parser.currentTokenLocation();
          JsonNode element = parser.readValueAsTree();
          if (!(element instanceof ObjectNode object)) {
            throw bad(
                name, start, "element " + (position + 1) + " is not a JSON object: " + element);
          }
          out.output(KV.of(position++, object));
          read.inc();
        }
      } catch (JsonProcessingException invalid) {
        throw bad(name, invalid.getLocation(), "invalid JSON: " + invalid.getOriginalMessage());
      }
    }

    private static BadDataException bad(String file, JsonLocation at, String reason) {
      String where = at == null ? "" : " line " + at.getLineNr() + ", column " + at.getColumnNr();
      return new BadDataException(file + where + ": " + reason);
    }
  }
}
