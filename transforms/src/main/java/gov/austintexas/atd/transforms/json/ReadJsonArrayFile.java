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
import java.io.Serializable;
import java.nio.channels.Channels;
import java.util.function.Consumer;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.io.Compression;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.EmptyMatchTreatment;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Impulse;
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
    return read(
        begin, path, counterName, KV::of, KvCoder.of(VarLongCoder.of(), ObjectNodeCoder.of()));
  }

  /**
   * Turns one object of the file into an output, or into nothing (null), in the step that parses
   * it, so the objects themselves never form a step's output.
   */
  @FunctionalInterface
  public interface ObjectFn<T> extends Serializable {
    /** The output for the object at {@code position} (from 0), or null for none. */
    T apply(long position, ObjectNode object);

    /** After a file's last object: gives {@code out} what was held back, such as part batches. */
    default void finish(Consumer<T> out) {}
  }

  /**
   * Reads the file as {@code fn} makes each object: with a runner that holds a step's whole output
   * (the DirectRunner holds all the objects of one file), outputs smaller than the parsed trees,
   * and a step or two fewer, keep a large file's read small.
   */
  public <T> Into<T> into(ObjectFn<T> fn, Coder<T> coder) {
    return new Into<>(path, counterName, fn, coder, "Parse");
  }

  /** {@link #into}'s transform. */
  public static class Into<T> extends PTransform<PBegin, PCollection<T>> {
    private static final long serialVersionUID = 1L;
    private final String path;
    private final String counterName;
    private final ObjectFn<T> fn;
    private final Coder<T> coder;
    private final String parseName;

    Into(String path, String counterName, ObjectFn<T> fn, Coder<T> coder, String parseName) {
      this.path = path;
      this.counterName = counterName;
      this.fn = fn;
      this.coder = coder;
      this.parseName = parseName;
    }

    /** Names the parsing step (the one that does the work) for its counters and logs. */
    public Into<T> withName(String name) {
      return new Into<>(path, counterName, fn, coder, name);
    }

    @Override
    public PCollection<T> expand(PBegin begin) {
      return read(begin, path, counterName, fn, coder, parseName);
    }
  }

  private static <T> PCollection<T> read(
      PBegin begin, String path, String counterName, ObjectFn<T> fn, Coder<T> coder) {
    return read(begin, path, counterName, fn, coder, "Parse");
  }

  private static <T> PCollection<T> read(
      PBegin begin,
      String path,
      String counterName,
      ObjectFn<T> fn,
      Coder<T> coder,
      String parseName) {
    // One step reads what the pattern matches: a file is one element, so FileIO's match, reshuffle
    // and open steps would only add bundles (each step costs the DirectRunner some).
    return begin
        .apply("Start", Impulse.create())
        .apply(parseName, ParDo.of(new ParseArrayFn<>(path, counterName, fn)))
        .setCoder(coder);
  }

  static class ParseArrayFn<T> extends DoFn<byte[], T> {
    private static final long serialVersionUID = 1L;
    private final String pattern;
    private final Counter read;
    private final ObjectFn<T> fn;

    ParseArrayFn(String pattern, String counterName, ObjectFn<T> fn) {
      this.pattern = pattern;
      this.read = Metrics.counter(ReadJsonArrayFile.class, counterName);
      this.fn = fn;
    }

    @ProcessElement
    public void processElement(OutputReceiver<T> out) throws IOException {
      for (MatchResult.Metadata file :
          FileSystems.match(pattern, EmptyMatchTreatment.DISALLOW).metadata()) {
        parse(file.resourceId(), out);
      }
    }

    /** As FileIO.readMatches opens a file: decompressed by its extension (.gz, ...). */
    private void parse(ResourceId file, OutputReceiver<T> out) throws IOException {
      String name = file.toString();
      try (InputStream in =
              Channels.newInputStream(
                  Compression.detect(file.getFilename()).readDecompressed(FileSystems.open(file)));
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
          T output = fn.apply(position++, object);
          if (output != null) {
            out.output(output);
          }
          read.inc();
        }
        fn.finish(out::output);
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
