package gov.austintexas.atd.transforms.knack;

import com.fasterxml.jackson.databind.node.ObjectNode;
import gov.austintexas.atd.transforms.failure.Failure;
import gov.austintexas.atd.transforms.json.ObjectNodeCoder;
import java.util.Set;
import java.util.TreeSet;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.WithKeys;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;

/**
 * Beam transforms for a Knack object: {@link #read} all of its records, and {@link #write} creates
 * and updates. Both go through {@link KnackClient}, so every request is timed out and retried; and
 * each sends all its requests from one element, through one client and its rate limiter, so the app
 * sees at most its rate from a run on any runner (the read ends before the plan's writes begin,
 * since the plan needs all of it).
 */
public final class KnackIO {
  private KnackIO() {}

  public static Read read(KnackApp app, String object) {
    return new Read(app, object, 1000, 10);
  }

  public static Write write(KnackApp app, String object, String keyField) {
    return new Write(app, object, keyField, null, 50, 25);
  }

  /** Reads every record of an object, or fails the run: see {@link ReadObjectFn}. */
  public static class Read extends PTransform<PBegin, PCollection<ObjectNode>> {
    private static final long serialVersionUID = 1L;
    private final KnackApp app;
    private final String object;
    private final int rowsPerPage;
    private final int totalTolerance;

    Read(KnackApp app, String object, int rowsPerPage, int totalTolerance) {
      this.app = app;
      this.object = object;
      this.rowsPerPage = rowsPerPage;
      this.totalTolerance = totalTolerance;
    }

    /** Records per page, at most Knack's 1000. */
    public Read withRowsPerPage(int rows) {
      if (rows < 1 || rows > 1000) {
        throw new IllegalArgumentException("rows per page must be 1 to 1000, not " + rows);
      }
      return new Read(app, object, rows, totalTolerance);
    }

    /**
     * How many fewer records than page 1's {@code total_records} still make a complete read
     * (default 10).
     */
    public Read withTotalTolerance(int records) {
      if (records < 0) {
        throw new IllegalArgumentException(
            "the tolerance of total_records must be 0 or more, not " + records);
      }
      return new Read(app, object, rowsPerPage, records);
    }

    @Override
    public PCollection<ObjectNode> expand(PBegin begin) {
      return begin
          .apply("Object", Create.of(object))
          .apply(
              "Read all pages",
              ParDo.of(new ReadObjectFn(app, object, rowsPerPage, totalTolerance)))
          .setCoder(ObjectNodeCoder.of());
    }
  }

  /**
   * Sends creates and updates to a Knack object: all of them grouped under the app's name, so they
   * go from one worker through one limiter, in batches of 50; each batch's creates are looked up by
   * key first, so a create is never applied twice (see {@link WriteAllFn}). Emits the writes that
   * failed, one {@link Failure} each ({@link KnackDeadLetters#toJson} is the dead-letter file's
   * form).
   */
  public static class Write extends PTransform<PCollection<KnackWrite>, PCollection<Failure>> {
    private static final long serialVersionUID = 1L;
    private final KnackApp app;
    private final String object;
    private final String keyField;
    private final Set<String> comparedFields;
    private final int batchSize;
    private final int keysPerLookup;

    Write(
        KnackApp app,
        String object,
        String keyField,
        Set<String> comparedFields,
        int batchSize,
        int keysPerLookup) {
      this.app = app;
      this.object = object;
      this.keyField = keyField;
      this.comparedFields = comparedFields;
      this.batchSize = batchSize;
      this.keysPerLookup = keysPerLookup;
    }

    /**
     * The fields whose difference makes a create found in Knack an update (default: all it sends).
     */
    public Write withComparedFields(Set<String> fields) {
      return new Write(app, object, keyField, new TreeSet<>(fields), batchSize, keysPerLookup);
    }

    /**
     * Keys per lookup call, one {@code is} rule each (default 25; Knack takes a few dozen rules).
     */
    public Write withKeysPerLookup(int keys) {
      if (keys < 1 || keys > 100) {
        throw new IllegalArgumentException("keys per lookup must be 1 to 100, not " + keys);
      }
      return new Write(app, object, keyField, comparedFields, batchSize, keys);
    }

    @Override
    public PCollection<Failure> expand(PCollection<KnackWrite> writes) {
      return writes
          .apply("Key by app", WithKeys.of(app.name()))
          .setCoder(KvCoder.of(StringUtf8Coder.of(), KnackWrite.Coder.of()))
          .apply("All writes of the app", GroupByKey.create())
          .apply(
              "Send to " + object,
              ParDo.of(
                  new WriteAllFn(app, object, keyField, comparedFields, batchSize, keysPerLookup)))
          .setCoder(Failure.Coder.of());
    }
  }
}
