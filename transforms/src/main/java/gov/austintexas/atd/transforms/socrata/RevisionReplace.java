package gov.austintexas.atd.transforms.socrata;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import gov.austintexas.atd.transforms.failure.Failure;
import gov.austintexas.atd.transforms.json.Json;
import gov.austintexas.atd.transforms.socrata.SocrataWriteResult.Operation;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;

/**
 * Replaces a dataset's rows through a Dataset Management API revision, the route socrata-py and the
 * portal's own upload take (dev.socrata.com/publishers/dsmapi; socrata-py {@code revisions.py},
 * {@code sources.py}, {@code output_schema.py}, {@code job.py}):
 *
 * <ol>
 *   <li>check every row's keys against the dataset's columns ({@link FieldNames}), before any
 *       write;
 *   <li>open a replace revision: {@code POST /api/publishing/v1/revision/{id}} with {@code
 *       {"action":{"type":"replace"}}} (revisions.py {@code create_replace_revision});
 *   <li>add an upload source through the revision's {@code create_source} link, {@code
 *       {"source_type":{"type":"upload","filename":...},"parse_options":{"parse_source":true}}};
 *   <li>upload the rows as one CSV through the source's {@code initiate}, {@code chunk} and {@code
 *       commit} links (sources.py {@code _chunked_bytes}): chunks of whole rows, at most the {@code
 *       preferred_chunk_size} that {@code initiate} answers, each sent to its {@code {seq_num}} and
 *       {@code {byte_offset}} and retried alone, so a retry replaces its own bytes and can never
 *       duplicate rows;
 *   <li>poll the source ({@code show}) until its output schema has {@code completed_at}; an {@code
 *       error_count} above 0 fails, naming the first errors ({@code schema_errors});
 *   <li>apply: {@code PUT} the revision's {@code apply} link with {@code {"output_schema_id":N}};
 *   <li>poll the revision until its task set's {@code status} is {@code successful} or {@code
 *       failure} (job.py).
 * </ol>
 *
 * Readers see the old rows until the job succeeds. Any failure before the apply discards the
 * revision ({@code DELETE}, its {@code discard} link) and leaves the dataset as it was; nothing is
 * held to restore. A revision left open by a run that died changes nothing either; the next run
 * opens its own. Plain Java, run by the one worker that holds every new row.
 */
final class RevisionReplace {
  private static final CSVFormat CSV = CSVFormat.RFC4180;
  private static final int ERRORS_SHOWN = 3;

  private final SocrataClient client;
  private final String datasetId;
  private final int chunkRows;
  private final boolean allowEmpty;
  private final Duration pollInterval;
  private final Duration processingLimit;

  RevisionReplace(
      SocrataClient client,
      SocrataConnection connection,
      String datasetId,
      int chunkRows,
      boolean allowEmpty) {
    this.client = client;
    this.datasetId = datasetId;
    this.chunkRows = chunkRows;
    this.allowEmpty = allowEmpty;
    this.pollInterval = connection.pollInterval();
    this.processingLimit = connection.processingLimit();
  }

  /** A step that failed; its message says what the dataset holds now. */
  private static final class Stopped extends Exception {
    private static final long serialVersionUID = 1L;

    Stopped(String message) {
      super(message);
    }
  }

  SocrataWriteResult run(List<ObjectNode> rows) {
    if (rows.isEmpty() && !allowEmpty) {
      return failed(
          rows.size(),
          "replace not started",
          "refused to replace dataset "
              + datasetId
              + " with 0 rows, which would empty it; the"
              + " dataset was not touched (allowEmpty permits it)",
          null);
    }
    List<String> fieldNames;
    JsonNode revision;
    try {
      fieldNames = client.schema(datasetId).fieldNames();
      checkColumns(rows, fieldNames);
      revision =
          client.dsmapi(
              datasetId,
              "open a replace revision",
              "POST",
              "/api/publishing/v1/revision/" + datasetId,
              json("{\"action\":{\"type\":\"replace\"}}"),
              "application/json");
    } catch (SocrataException | Stopped failure) {
      return failed(
          rows.size(),
          "replace not started",
          failure.getMessage() + "; the dataset was not touched",
          failure);
    }
    long outputSchemaId;
    try {
      JsonNode source = upload(revision, rows, fieldNames);
      outputSchemaId = awaitOutputSchema(source);
    } catch (SocrataException | Stopped failure) {
      return failed(
          rows.size(),
          "replace of " + rows.size() + " rows failed before it was applied",
          failure.getMessage() + "; " + discardKeepingPreviousRows(revision),
          failure);
    }
    try {
      applyAndAwait(revision, outputSchemaId);
    } catch (SocrataException | Stopped failure) {
      return failed(
          rows.size(), "replace of " + rows.size() + " rows", failure.getMessage(), failure);
    }
    return SocrataWriteResult.of(
        datasetId,
        Operation.REPLACE,
        rows.size(),
        new SocrataCounts(rows.size(), 0, 0, 0),
        List.of());
  }

  /** Every key of every row must be a column (compared as field names), or nothing is sent. */
  private void checkColumns(List<ObjectNode> rows, List<String> fieldNames) throws Stopped {
    for (ObjectNode row : rows) {
      for (String key : (Iterable<String>) row::fieldNames) {
        if (!fieldNames.contains(FieldNames.normalize(key))) {
          String text = row.toString();
          throw new Stopped(
              "the field '"
                  + key
                  + "' is not a column of dataset "
                  + datasetId
                  + " (its columns: "
                  + String.join(", ", fieldNames)
                  + "), in the row "
                  + (text.length() > 200 ? text.substring(0, 200) + "…" : text));
        }
      }
    }
  }

  /** Creates the upload source and sends the CSV in chunks; returns the committed source. */
  private JsonNode upload(JsonNode revision, List<ObjectNode> rows, List<String> fieldNames)
      throws Stopped {
    JsonNode source =
        client.dsmapi(
            datasetId,
            "create the upload source",
            "POST",
            link(revision, "create_source"),
            json(
                "{\"source_type\":{\"type\":\"upload\",\"filename\":\""
                    + datasetId
                    + ".csv\"},"
                    + "\"parse_options\":{\"parse_source\":true}}"),
            "application/json");
    JsonNode initiated =
        client.dsmapi(
            datasetId,
            "initiate the upload",
            "POST",
            link(source, "initiate"),
            json("{\"content_type\":\"text/csv\"}"),
            "application/json");
    long preferredBytes = initiated.path("preferred_chunk_size").asLong(8L * 1024 * 1024);
    List<byte[]> chunks = csvChunks(rows, fieldNames, preferredBytes);
    long offset = 0;
    for (int seq = 0; seq < chunks.size(); seq++) {
      byte[] chunk = chunks.get(seq);
      client.dsmapi(
          datasetId,
          "upload chunk "
              + (seq + 1)
              + " of "
              + chunks.size()
              + " (bytes "
              + offset
              + "-"
              + (offset + chunk.length)
              + ")",
          "POST",
          at(link(source, "chunk"), seq, offset),
          chunk,
          "application/octet-stream");
      offset += chunk.length;
    }
    return client.dsmapi(
        datasetId,
        "commit the upload",
        "POST",
        at(link(source, "commit"), chunks.size() - 1, offset),
        null,
        null);
  }

  /**
   * The CSV (a header of the dataset's field names, then one record per row) in chunks of whole
   * records: at most {@code chunkRows} rows and, unless one record alone is larger, at most {@code
   * maxBytes}.
   */
  private List<byte[]> csvChunks(List<ObjectNode> rows, List<String> fieldNames, long maxBytes) {
    List<byte[]> chunks = new ArrayList<>();
    StringBuilder chunk = new StringBuilder(record(fieldNames));
    long chunkBytes = chunk.length();
    int chunkRowCount = 0;
    for (ObjectNode row : rows) {
      List<String> cells = new ArrayList<>(fieldNames.size());
      for (String field : fieldNames) {
        String text = Json.canonicalText(FieldNames.value(row, field));
        cells.add(text == null ? "" : text); // an empty cell is null to the portal
      }
      String record = record(cells);
      long recordBytes = record.getBytes(StandardCharsets.UTF_8).length;
      if (chunkRowCount == chunkRows
          || (chunkRowCount > 0 && chunkBytes + recordBytes > maxBytes)) {
        chunks.add(chunk.toString().getBytes(StandardCharsets.UTF_8));
        chunk = new StringBuilder();
        chunkBytes = 0;
        chunkRowCount = 0;
      }
      chunk.append(record);
      chunkBytes += recordBytes;
      chunkRowCount++;
    }
    chunks.add(chunk.toString().getBytes(StandardCharsets.UTF_8));
    return chunks;
  }

  private static String record(List<String> cells) {
    return CSV.format(cells.toArray()) + "\r\n";
  }

  /**
   * Polls the source until its output schema is complete; returns its id, or stops on its errors.
   */
  private long awaitOutputSchema(JsonNode committed) throws Stopped {
    Instant deadline = Instant.now().plus(processingLimit);
    JsonNode answer = committed;
    while (true) {
      JsonNode source = resource(answer);
      if (!source.path("failed_at").isNull() && !source.path("failed_at").isMissingNode()) {
        throw new Stopped(
            "the portal could not process the upload: "
                + source.path("failure_details").asText("no details"));
      }
      JsonNode inputSchema = last(source.path("schemas"));
      JsonNode outputSchema = inputSchema == null ? null : last(inputSchema.path("output_schemas"));
      if (outputSchema != null
          && !outputSchema.path("completed_at").isNull()
          && !outputSchema.path("completed_at").isMissingNode()) {
        long errors = outputSchema.path("error_count").asLong();
        if (errors > 0) {
          throw new Stopped(
              "the output schema reports "
                  + errors
                  + " rows in error"
                  + firstErrors(
                      answer, inputSchema.path("id").asLong(), outputSchema.path("id").asLong()));
        }
        return outputSchema.path("id").asLong();
      }
      pause(deadline, "the upload's output schema");
      answer =
          client.dsmapi(datasetId, "look at the upload", "GET", link(answer, "show"), null, null);
    }
  }

  /** ": row 3: Unable to convert …; row 7: …", from the output schema's {@code schema_errors}. */
  private String firstErrors(JsonNode sourceAnswer, long inputSchemaId, long outputSchemaId) {
    JsonNode template =
        sourceAnswer
            .path("links")
            .path("input_schema_links")
            .path("output_schema_links")
            .path("schema_errors");
    if (!template.isTextual()) {
      return "";
    }
    String path =
        template
                .asText()
                .replace("{input_schema_id}", Long.toString(inputSchemaId))
                .replace("{output_schema_id}", Long.toString(outputSchemaId))
            + "?limit="
            + ERRORS_SHOWN
            + "&offset=0";
    List<String> errors = new ArrayList<>();
    try {
      JsonNode rows =
          client.dsmapi(datasetId, "read the output schema's errors", "GET", path, null, null);
      for (int i = 1; i < rows.size(); i++) { // the first element is a header
        JsonNode row = rows.get(i);
        for (JsonNode cell : row.path("row")) {
          if (cell.has("error")) {
            errors.add(
                "row "
                    + (row.path("offset").asLong() + 1)
                    + ": "
                    + cell.path("error").path("message").asText());
            break;
          }
        }
      }
    } catch (SocrataException unread) {
      return " (its errors could not be read: " + unread.getMessage() + ")";
    }
    return errors.isEmpty() ? "" : "; first: " + String.join("; ", errors);
  }

  /**
   * Applies the output schema and polls the job. An apply that failed may still have been accepted
   * (an answer lost after the portal acted), so the revision is looked at before giving up.
   */
  private void applyAndAwait(JsonNode revision, long outputSchemaId) throws Stopped {
    try {
      client.dsmapi(
          datasetId,
          "apply the revision",
          "PUT",
          link(revision, "apply"),
          json("{\"output_schema_id\":" + outputSchemaId + "}"),
          "application/json");
    } catch (SocrataException failure) {
      JsonNode now =
          client.dsmapi(
              datasetId, "look at the revision", "GET", link(revision, "show"), null, null);
      if (last(resource(now).path("task_sets")) == null) {
        throw new Stopped(
            "the apply failed: "
                + failure.getMessage()
                + "; "
                + discardKeepingPreviousRows(revision));
      }
    }
    Instant deadline = Instant.now().plus(processingLimit);
    while (true) {
      JsonNode now =
          client.dsmapi(
              datasetId, "look at the revision", "GET", link(revision, "show"), null, null);
      JsonNode job = last(resource(now).path("task_sets"));
      String status = job == null ? "" : job.path("status").asText();
      if (status.equals("successful")) {
        return;
      }
      if (status.equals("failure")) {
        throw new Stopped(
            "the apply job failed ("
                + job.path("log").toString()
                + "); the portal left dataset "
                + datasetId
                + " with its previous rows");
      }
      try {
        pause(deadline, "the apply job");
      } catch (Stopped late) {
        throw new Stopped(
            late.getMessage()
                + " (status '"
                + status
                + "'); dataset "
                + datasetId
                + " will hold the new rows"
                + " if the job still succeeds, else its previous rows");
      }
    }
  }

  /** Discards an unapplied revision; says what happened and that the dataset keeps its rows. */
  private String discardKeepingPreviousRows(JsonNode revision) {
    return discard(revision) + ", dataset " + datasetId + " keeps its previous rows";
  }

  /** Discards the revision; says what happened, for the failure's message. */
  private String discard(JsonNode revision) {
    try {
      client.dsmapi(
          datasetId, "discard the revision", "DELETE", link(revision, "discard"), null, null);
      return "the revision was discarded";
    } catch (SocrataException | Stopped failure) {
      return "the revision could not be discarded ("
          + failure.getMessage()
          + ") and stays open, unapplied";
    }
  }

  private void pause(Instant deadline, String what) throws Stopped {
    if (Instant.now().plus(pollInterval).isAfter(deadline)) {
      throw new Stopped(what + " had not finished after " + processingLimit.toSeconds() + " s");
    }
    try {
      Thread.sleep(pollInterval.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Stopped("interrupted while waiting for " + what);
    }
  }

  /** The named link of an answer ({@code {"resource":...,"links":{name: path}}}). */
  private static String link(JsonNode answer, String name) throws Stopped {
    JsonNode link = answer.path("links").path(name);
    if (!link.isTextual()) {
      throw new Stopped("the portal's answer has no '" + name + "' link");
    }
    return link.asText();
  }

  private static String at(String template, int seq, long offset) {
    return template
        .replace("{seq_num}", Integer.toString(seq))
        .replace("{byte_offset}", Long.toString(offset));
  }

  /** What an answer describes: its {@code resource}. */
  private static JsonNode resource(JsonNode answer) {
    return answer.has("resource") ? answer.get("resource") : answer;
  }

  private static JsonNode last(JsonNode array) {
    return array.isArray() && !array.isEmpty() ? array.get(array.size() - 1) : null;
  }

  private static byte[] json(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /** The step {@code what} failed for {@code why}; an outage when Socrata's answer says so. */
  private SocrataWriteResult failed(long rowsSent, String what, String why, Exception cause) {
    Failure failure = Failure.of(what, datasetId, why);
    if (cause instanceof SocrataException socrata && SocrataWriteResult.isOutage(socrata)) {
      failure = failure.asOutage();
    }
    return SocrataWriteResult.of(
        datasetId, Operation.REPLACE, rowsSent, SocrataCounts.NONE, List.of(failure));
  }
}
