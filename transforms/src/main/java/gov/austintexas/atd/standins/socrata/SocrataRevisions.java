package gov.austintexas.atd.standins.socrata;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import gov.austintexas.atd.transforms.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * The emulator's Dataset Management API (DSMAPI, {@code /api/publishing/v1/}): replace revisions,
 * upload sources filled by chunks at byte offsets, output schemas with error counts, and apply
 * jobs. Sources: dev.socrata.com/publishers/dsmapi (a revision stages changes; the dataset changes
 * only when it is applied) and socrata-py ({@code revisions.py}: {@code POST revision/{id}} with
 * {@code {"action":{"type":"replace"}}}, the {@code create_source}, {@code apply} and {@code
 * discard} links, apply's body {@code {"output_schema_id":N}}; {@code sources.py}: {@code initiate}
 * answers {@code preferred_chunk_size}, {@code chunk} takes bytes at {@code {seq_num}}/{@code
 * {byte_offset}}, {@code commit} ends the upload; {@code output_schema.py}: {@code completed_at},
 * {@code error_count}, {@code schema_errors} rows after a header; {@code job.py}: a job's {@code
 * status} ends {@code successful} or {@code failure}). Every answer is {@code {"resource": ...,
 * "links": ...}} and the links name the next calls.
 *
 * <p>Semantics kept from the portal: readers of {@code /resource/} see the old rows until the job
 * succeeds, then all the new ones at once; a failed job or a discarded (or abandoned) revision
 * changes nothing; a chunk sent again to the same {@code seq_num} replaces itself, so a retried
 * chunk never duplicates bytes; a commit whose chunks do not cover the bytes exactly is refused.
 * The output schema's columns come from the CSV header (field names derived in lower case), and
 * applying it gives the dataset those columns, as a replace revision does.
 */
final class SocrataRevisions {
  static final String API = "/api/publishing/v1";
  private static final Pattern REVISIONS = Pattern.compile(API + "/revision/([^/]+)");
  private static final Pattern REVISION =
      Pattern.compile(API + "/revision/([^/]+)/(\\d+)(/source|/apply)?");
  private static final Pattern SOURCE =
      Pattern.compile(API + "/source/(\\d+)(?:/(initiate)|/(chunk|commit)/(\\d+)/(\\d+))?");
  private static final Pattern ERRORS =
      Pattern.compile(API + "/source/(\\d+)/schema/(\\d+)/errors/(\\d+)");

  /** What a request is: its route name (for faults and the log) and the dataset it touches. */
  record Route(String name, String datasetId, Matcher path) {}

  private final SocrataEmulator emulator;
  private final Map<String, Map<Long, Revision>> revisions = new HashMap<>();
  private final Map<Long, Source> sources = new HashMap<>();
  private long nextId = 1;

  SocrataRevisions(SocrataEmulator emulator) {
    this.emulator = emulator;
  }

  /** The route of a DSMAPI request, or null when the path is none of them. */
  synchronized Route route(String method, String path) {
    Matcher m;
    if ((m = ERRORS.matcher(path)).matches()) {
      return new Route("schema.errors", datasetOf(m.group(1)), m);
    }
    if ((m = SOURCE.matcher(path)).matches()) {
      String name =
          m.group(2) != null
              ? "source.initiate"
              : m.group(3) != null ? "source." + m.group(3) : "source.show";
      return new Route(name, datasetOf(m.group(1)), m);
    }
    if ((m = REVISION.matcher(path)).matches()) {
      String name =
          m.group(3) == null
              ? (method.equals("DELETE") ? "revision.discard" : "revision.show")
              : m.group(3).equals("/source") ? "source.create" : "revision.apply";
      return new Route(name, m.group(1), m);
    }
    if ((m = REVISIONS.matcher(path)).matches()) {
      return new Route("revision.open", m.group(1), m);
    }
    return null;
  }

  /** Revisions of the dataset neither applied nor discarded. */
  synchronized int openRevisions(String datasetId) {
    return (int)
        revisions.getOrDefault(datasetId, Map.of()).values().stream()
            .filter(r -> !r.closed())
            .count();
  }

  private String datasetOf(String sourceId) {
    Source source = sources.get(Long.parseLong(sourceId));
    return source == null ? null : source.revision.datasetId;
  }

  /** Answers a DSMAPI request whose auth and faults have been checked. */
  void serve(
      Route route,
      SocrataEmulator.Answer answer,
      String method,
      byte[] body,
      Map<String, String> query)
      throws IOException {
    ObjectNode result;
    synchronized (this) {
      result = handle(route, method, body, query);
    }
    int status = result.path("status").asInt(200);
    answer.send(status, result.get("body"));
  }

  private ObjectNode handle(Route route, String method, byte[] body, Map<String, String> query)
      throws IOException {
    Matcher path = route.path();
    switch (route.name()) {
      case "revision.open" -> {
        if (!method.equals("POST")) {
          return error(405, "Method not allowed");
        }
        if (!emulator.hasDataset(route.datasetId())) {
          return error(404, "Dataset " + route.datasetId() + " does not exist");
        }
        String type = json(body).path("action").path("type").asText();
        if (!type.equals("replace")) {
          return error(400, "this emulator opens replace revisions only, not '" + type + "'");
        }
        Map<Long, Revision> ofDataset =
            revisions.computeIfAbsent(route.datasetId(), id -> new TreeMap<>());
        Revision revision = new Revision(route.datasetId(), ofDataset.size() + 1L, nextId++);
        ofDataset.put(revision.seq, revision);
        return ok(201, revision.answer());
      }
      case "revision.show", "revision.discard", "source.create", "revision.apply" -> {
        Revision revision =
            revisions.getOrDefault(route.datasetId(), Map.of()).get(Long.parseLong(path.group(2)));
        if (revision == null) {
          return error(404, "No revision " + path.group(2) + " of " + route.datasetId());
        }
        return switch (route.name()) {
          case "revision.show" -> ok(200, revision.show());
          case "revision.discard" -> revision.discard();
          case "source.create" -> createSource(revision, json(body));
          default -> apply(revision, json(body));
        };
      }
      case "source.show", "source.initiate", "source.chunk", "source.commit" -> {
        Source source = sources.get(Long.parseLong(path.group(1)));
        if (source == null) {
          return error(404, "No source " + path.group(1));
        }
        return switch (route.name()) {
          case "source.show" -> ok(200, source.look());
          case "source.initiate" ->
              ok(
                  200,
                  Json.MAPPER
                      .createObjectNode()
                      .put("preferred_chunk_size", emulator.preferredChunkBytes())
                      .put("preferred_upload_parallelism", 2));
          case "source.chunk" ->
              source.chunk(Integer.parseInt(path.group(4)), Long.parseLong(path.group(5)), body);
          default -> source.commit(Integer.parseInt(path.group(4)), Long.parseLong(path.group(5)));
        };
      }
      case "schema.errors" -> {
        Source source = sources.get(Long.parseLong(path.group(1)));
        if (source == null
            || source.output == null
            || source.output.id != Long.parseLong(path.group(3))) {
          return error(404, "No such output schema");
        }
        try {
          return ok(
              200,
              source.output.errors(
                  Integer.parseInt(query.getOrDefault("offset", "0")),
                  Integer.parseInt(query.getOrDefault("limit", "500"))));
        } catch (NumberFormatException e) {
          return error(400, "offset and limit must be whole numbers");
        }
      }
      default -> {
        return error(404, "Not found");
      }
    }
  }

  private ObjectNode createSource(Revision revision, JsonNode body) {
    if (revision.closed()) {
      return error(400, "revision " + revision.seq + " is closed");
    }
    JsonNode type = body.path("source_type");
    if (!type.path("type").asText().equals("upload")) {
      return error(400, "this emulator takes upload sources only");
    }
    Source source = new Source(nextId++, revision, type.path("filename").asText("upload.csv"));
    sources.put(source.id, source);
    return ok(201, source.show());
  }

  private ObjectNode apply(Revision revision, JsonNode body) {
    if (revision.closed()) {
      return error(
          400,
          "revision "
              + revision.seq
              + " has already been "
              + (revision.discarded ? "discarded" : "applied"));
    }
    long outputSchemaId = body.path("output_schema_id").asLong(-1);
    Source source =
        sources.values().stream()
            .filter(
                s -> s.revision == revision && s.output != null && s.output.id == outputSchemaId)
            .findFirst()
            .orElse(null);
    if (source == null) {
      return error(400, "output schema " + outputSchemaId + " is not in revision " + revision.seq);
    }
    if (source.output.completedAt == null) {
      return error(400, "output schema " + outputSchemaId + " has not finished processing");
    }
    revision.job =
        new Job(
            nextId++, source.output, emulator.faults().jobPolls(), emulator.faults().jobsFail());
    ObjectNode answer = Json.MAPPER.createObjectNode();
    answer.set("resource", revision.job.resource());
    answer.putObject("links");
    return ok(200, answer);
  }

  private static JsonNode json(byte[] body) throws IOException {
    JsonNode json = body.length == 0 ? null : Json.MAPPER.readTree(body);
    return json == null ? Json.MAPPER.createObjectNode() : json;
  }

  private static ObjectNode ok(int status, JsonNode body) {
    ObjectNode result = Json.MAPPER.createObjectNode().put("status", status);
    result.set("body", body);
    return result;
  }

  private static ObjectNode error(int status, String message) {
    return ok(status, Json.MAPPER.createObjectNode().put("message", message).put("error", true));
  }

  /** A header's field name as the portal derives it: lower case, anything else an underscore. */
  static String fieldName(String header) {
    return header.strip().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
  }

  // ---------------------------------------------------------------- state (guarded by this)

  private final class Revision {
    final String datasetId;
    final long seq;
    final long id;
    boolean discarded;
    Job job;

    Revision(String datasetId, long seq, long id) {
      this.datasetId = datasetId;
      this.seq = seq;
      this.id = id;
    }

    boolean closed() {
      return discarded || job != null;
    }

    String path() {
      return API + "/revision/" + datasetId + "/" + seq;
    }

    ObjectNode answer() {
      ObjectNode answer = Json.MAPPER.createObjectNode();
      ObjectNode resource =
          answer
              .putObject("resource")
              .put("id", id)
              .put("fourfour", datasetId)
              .put("revision_seq", seq);
      resource.putObject("action").put("type", "replace");
      if (discarded || (job != null && job.status().equals("successful"))) {
        resource.put("closed_at", Instant.now().toString());
      } else {
        resource.putNull("closed_at");
      }
      ArrayNode taskSets = resource.putArray("task_sets");
      if (job != null) {
        taskSets.add(job.resource());
      }
      answer
          .putObject("links")
          .put("show", path())
          .put("create_source", path() + "/source")
          .put("apply", path() + "/apply")
          .put("discard", path());
      return answer;
    }

    /** A look at the revision, which is what moves an applied job along (one poll per look). */
    ObjectNode show() {
      if (job != null) {
        job.poll(this);
      }
      return answer();
    }

    ObjectNode discard() {
      if (job != null) {
        return error(400, "revision " + seq + " has been applied and cannot be discarded");
      }
      discarded = true;
      return ok(200, answer());
    }
  }

  private final class Source {
    final long id;
    final long inputSchemaId;
    final Revision revision;
    final String filename;
    final Map<Integer, Chunk> chunks = new TreeMap<>();
    boolean committed;
    String failedAt;
    String failure;
    OutputSchema output;

    Source(long id, Revision revision, String filename) {
      this.id = id;
      this.inputSchemaId = id;
      this.revision = revision;
      this.filename = filename;
    }

    String path() {
      return API + "/source/" + id;
    }

    ObjectNode chunk(int seqNum, long byteOffset, byte[] bytes) {
      if (committed || revision.closed()) {
        return error(400, "source " + id + " is no longer open for upload");
      }
      chunks.put(seqNum, new Chunk(byteOffset, bytes)); // a retried chunk takes its own place again
      return ok(
          200,
          Json.MAPPER.createObjectNode().put("seq_num", seqNum).put("byte_offset", byteOffset));
    }

    ObjectNode commit(int lastSeqNum, long totalBytes) throws IOException {
      if (committed) {
        return ok(200, show());
      }
      ByteArrayOutputStream all = new ByteArrayOutputStream();
      for (int seq = 0; seq <= lastSeqNum; seq++) {
        Chunk chunk = chunks.get(seq);
        if (chunk == null || chunk.offset != all.size()) {
          return error(
              400,
              "chunk "
                  + seq
                  + " is missing or not at byte "
                  + all.size()
                  + "; upload it again before the commit");
        }
        all.write(chunk.bytes);
      }
      if (all.size() != totalBytes || chunks.size() != lastSeqNum + 1) {
        return error(
            400,
            "the chunks hold "
                + all.size()
                + " bytes in "
                + chunks.size()
                + " chunks, not "
                + totalBytes
                + " bytes in "
                + (lastSeqNum + 1));
      }
      committed = true;
      chunks.clear();
      parse(all.toString(StandardCharsets.UTF_8));
      return ok(200, show());
    }

    private void parse(String csv) {
      try (CSVParser parser =
          CSVFormat.RFC4180
              .builder()
              .setHeader()
              .setSkipHeaderRecord(true)
              .build()
              .parse(new StringReader(csv))) {
        List<String> columns =
            parser.getHeaderNames().stream().map(SocrataRevisions::fieldName).toList();
        List<ObjectNode> rows = new ArrayList<>();
        for (CSVRecord record : parser) {
          ObjectNode row = Json.MAPPER.createObjectNode();
          for (int i = 0; i < columns.size() && i < record.size(); i++) {
            if (!record.get(i).isEmpty()) {
              row.put(
                  columns.get(i), record.get(i)); // an empty cell is null, which Socrata leaves out
            }
          }
          rows.add(row);
        }
        output =
            new OutputSchema(
                nextId++,
                columns,
                rows,
                emulator.faults().schemaPolls(),
                emulator.faults().schemaErrors());
      } catch (IOException | IllegalArgumentException | IllegalStateException unreadable) {
        failedAt = Instant.now().toString();
        failure = "the file could not be parsed as CSV: " + unreadable.getMessage();
      }
    }

    /** A look at the source ({@code GET}), which moves its output schema's processing along. */
    ObjectNode look() {
      if (output != null) {
        output.poll();
      }
      return show();
    }

    ObjectNode show() {
      ObjectNode answer = Json.MAPPER.createObjectNode();
      ObjectNode resource = answer.putObject("resource").put("id", id);
      resource.putObject("source_type").put("type", "upload").put("filename", filename);
      resource.putObject("parse_options").put("parse_source", true);
      resource.put("failed_at", failedAt);
      resource.put("failure_details", failure);
      ArrayNode schemas = resource.putArray("schemas");
      if (output != null) {
        ObjectNode input =
            schemas.addObject().put("id", inputSchemaId).put("total_rows", output.rows.size());
        input.putArray("output_schemas").add(output.resource());
      }
      String errors = path() + "/schema/{input_schema_id}/errors/{output_schema_id}";
      answer
          .putObject("links")
          .put("show", path())
          .put("initiate", path() + "/initiate")
          .put("chunk", path() + "/chunk/{seq_num}/{byte_offset}")
          .put("commit", path() + "/commit/{seq_num}/{byte_offset}")
          .putObject("input_schema_links")
          .putObject("output_schema_links")
          .put("schema_errors", errors);
      return answer;
    }
  }

  private record Chunk(long offset, byte[] bytes) {}

  private static final class OutputSchema {
    final long id;
    final List<String> columns;
    final List<ObjectNode> rows;
    final int errorCount;
    int pollsLeft;
    String completedAt;

    OutputSchema(long id, List<String> columns, List<ObjectNode> rows, int polls, int errorCount) {
      this.id = id;
      this.columns = columns;
      this.rows = rows;
      this.errorCount = Math.min(errorCount, rows.size());
      this.pollsLeft = polls;
      if (polls <= 0) {
        completedAt = Instant.now().toString();
      }
    }

    /** One look; the {@code polls}-th completes it. */
    void poll() {
      if (completedAt == null && --pollsLeft <= 0) {
        completedAt = Instant.now().toString();
      }
    }

    ObjectNode resource() {
      ObjectNode resource =
          Json.MAPPER
              .createObjectNode()
              .put("id", id)
              .put("completed_at", completedAt)
              .put("error_count", completedAt == null ? 0 : errorCount)
              .put("total_rows", rows.size());
      ArrayNode outputColumns = resource.putArray("output_columns");
      for (int i = 0; i < columns.size(); i++) {
        outputColumns
            .addObject()
            .put("field_name", columns.get(i))
            .put("position", i)
            .putObject("transform")
            .putNull("failed_at");
      }
      return resource;
    }

    /**
     * A header, then one {@code {"row": [cells]}} per row in error from {@code offset}, at most
     * {@code limit} (output_schema.py {@code schema_errors}); the first column's cell holds the
     * error.
     */
    ArrayNode errors(int offset, int limit) {
      ArrayNode answer = Json.MAPPER.createArrayNode();
      answer.addObject().putArray("output_columns").addAll(resource().withArray("output_columns"));
      for (int i = Math.max(0, offset); i < errorCount && i < (long) offset + limit; i++) {
        ObjectNode row = answer.addObject().put("offset", i);
        ArrayNode cells = row.putArray("row");
        for (int c = 0; c < columns.size(); c++) {
          JsonNode value = rows.get(i).get(columns.get(c));
          if (c == 0) {
            cells
                .addObject()
                .putObject("error")
                .put(
                    "message",
                    "Unable to convert '"
                        + (value == null ? "" : value.asText())
                        + "' to the column's type")
                .set(
                    "inputs",
                    Json.MAPPER.createArrayNode().add(value == null ? "" : value.asText()));
          } else {
            cells.addObject().set("ok", value);
          }
        }
      }
      return answer;
    }
  }

  private final class Job {
    final long id;
    final OutputSchema output;
    final boolean fails;
    int pollsLeft;
    String status = "initializing";

    Job(long id, OutputSchema output, int polls, boolean fails) {
      this.id = id;
      this.output = output;
      this.pollsLeft = polls;
      this.fails = fails;
    }

    String status() {
      return status;
    }

    /** One step of the job; when it ends well the dataset takes the new rows in one step. */
    void poll(Revision revision) {
      if (!status.equals("initializing") && !status.equals("in_progress")) {
        return;
      }
      if (pollsLeft-- > 0) {
        status = "in_progress";
        return;
      }
      if (fails) {
        status = "failure";
        return;
      }
      emulator.replaceDataset(revision.datasetId, output.columns, output.rows);
      status = "successful";
    }

    ObjectNode resource() {
      ObjectNode resource =
          Json.MAPPER
              .createObjectNode()
              .put("id", id)
              .put("job_name", "publish")
              .put("status", status)
              .put("output_schema_id", output.id);
      if (status.equals("successful") || status.equals("failure")) {
        resource.put("finished_at", Instant.now().toString());
      } else {
        resource.putNull("finished_at");
      }
      if (status.equals("failure")) {
        resource
            .putArray("log")
            .addObject()
            .put("stage", "failure")
            .put("details", "the publication job failed");
      }
      return resource;
    }
  }
}
