package gov.austintexas.atd.transforms.socrata;

import com.fasterxml.jackson.databind.node.ObjectNode;
import gov.austintexas.atd.transforms.socrata.SocrataWriteResult.Operation;
import java.util.ArrayList;
import java.util.List;

/**
 * Replaces a dataset's rows so that it ends with its previous rows or all the new ones, never a
 * truncated or half-written set (see {@link SocrataIO.Replace} for the route). Plain Java, run by
 * one worker that holds every new row.
 */
final class ChunkedReplace {
  private final SocrataClient client;
  private final String datasetId;
  private final int chunkSize;
  private final boolean allowEmpty;

  ChunkedReplace(SocrataClient client, String datasetId, int chunkSize, boolean allowEmpty) {
    this.client = client;
    this.datasetId = datasetId;
    this.chunkSize = chunkSize;
    this.allowEmpty = allowEmpty;
  }

  SocrataWriteResult run(List<ObjectNode> rows) {
    if (rows.isEmpty() && !allowEmpty) {
      return failed(0, SocrataCounts.NONE,
          "refused to replace dataset " + datasetId + " with 0 rows, which would empty it; the dataset was not"
              + " touched (allowEmpty permits it)");
    }
    List<SocrataChunk> chunks = cut(rows);
    if (chunks.size() == 1) {
      return inOneRequest(rows);
    }
    List<ObjectNode> previous;
    try {
      previous = client.readAll(datasetId);
    } catch (SocrataException failure) {
      return failed(rows.size(), SocrataCounts.NONE,
          "replace not started: could not read the current rows, needed to restore them if a chunk fails: "
              + failure.getMessage() + "; the dataset was not touched");
    }
    SocrataCounts counts = SocrataCounts.NONE;
    for (SocrataChunk chunk : chunks) {
      String reason;
      try {
        SocrataCounts sent = chunk.index() == 0 ? client.replace(datasetId, chunk.rows()) : client.upsert(datasetId, chunk.rows());
        counts = counts.plus(sent);
        reason = sent.errors() > 0 ? "Socrata reported Errors: " + sent.errors() + " (" + sent + ")" : null;
      } catch (SocrataException failure) {
        reason = failure.getMessage();
      }
      if (reason != null) {
        String failedAt = "replace of " + rows.size() + " rows failed at " + chunk.describe() + " of " + chunks.size()
            + " (" + (chunk.index() == 0 ? "PUT" : "POST") + "): " + reason;
        return failed(rows.size(), counts, failedAt + "; " + restore(previous));
      }
    }
    return SocrataWriteResult.of(datasetId, Operation.REPLACE, rows.size(), counts, List.of());
  }

  /** One PUT: Socrata applies it whole or not at all. */
  private SocrataWriteResult inOneRequest(List<ObjectNode> rows) {
    try {
      SocrataCounts counts = client.replace(datasetId, rows);
      return counts.errors() > 0
          ? failed(rows.size(), counts, "replace of " + rows.size() + " rows in one request: Socrata reported Errors: "
              + counts.errors() + " (" + counts + ")")
          : SocrataWriteResult.of(datasetId, Operation.REPLACE, rows.size(), counts, List.of());
    } catch (SocrataException failure) {
      return failed(rows.size(), SocrataCounts.NONE,
          "replace of " + rows.size() + " rows in one request failed: " + failure.getMessage()
              + "; a PUT is applied whole or not at all, so the dataset holds its previous rows or all the new ones");
    }
  }

  /** Puts the snapshot back the same way (PUT the first chunk, POST the others); says how it went. */
  private String restore(List<ObjectNode> previous) {
    long restored = 0;
    for (SocrataChunk chunk : cut(previous)) {
      String reason;
      try {
        SocrataCounts sent = chunk.index() == 0 ? client.replace(datasetId, chunk.rows()) : client.upsert(datasetId, chunk.rows());
        restored += chunk.rows().size() - sent.errors();
        reason = sent.errors() > 0 ? "Socrata reported Errors: " + sent.errors() : null;
      } catch (SocrataException failure) {
        reason = failure.getMessage();
      }
      if (reason != null) {
        return "RESTORE FAILED: only " + restored + " of the previous " + previous.size() + " rows were put back ("
            + chunk.describe() + ": " + reason + "); dataset " + datasetId + " is incomplete: rerun the replace or"
            + " restore it by hand";
      }
    }
    return "replace failed, dataset restored to its previous " + previous.size() + " rows";
  }

  /** Chunks of at most {@code chunkSize} rows; no rows is one empty chunk (a PUT of []). */
  private List<SocrataChunk> cut(List<ObjectNode> rows) {
    List<SocrataChunk> chunks = new ArrayList<>();
    for (int from = 0; from < rows.size() || from == 0; from += chunkSize) {
      chunks.add(new SocrataChunk(chunks.size(), from, rows.subList(from, Math.min(rows.size(), from + chunkSize))));
    }
    return chunks;
  }

  private SocrataWriteResult failed(long rowsSent, SocrataCounts counts, String failure) {
    return SocrataWriteResult.of(datasetId, Operation.REPLACE, rowsSent, counts, List.of(failure));
  }
}
