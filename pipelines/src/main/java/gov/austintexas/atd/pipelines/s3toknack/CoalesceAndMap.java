package gov.austintexas.atd.pipelines.s3toknack;

import com.fasterxml.jackson.databind.node.ObjectNode;
import gov.austintexas.atd.transforms.BadDataException;
import gov.austintexas.atd.transforms.json.JsonBytes;
import gov.austintexas.atd.transforms.knack.KnackDiff;
import java.util.List;
import org.apache.beam.sdk.values.KV;

/**
 * Coalesces a key's source records and maps the result to the app's fields; a value a handler
 * cannot take is bad data.
 */
class CoalesceAndMap implements KnackDiff.SourceMerge<KV<Long, JsonBytes>> {
  private static final long serialVersionUID = 1L;
  private final KnackMapping mapping;
  private final CoalesceFn coalesce;
  private final String now;
  private final String file;

  CoalesceAndMap(KnackMapping mapping, String now, String file) {
    this.mapping = mapping;
    this.coalesce = new CoalesceFn(mapping.coalesce());
    this.now = now;
    this.file = file;
  }

  @Override
  public ObjectNode merge(String key, List<KV<Long, JsonBytes>> records) {
    ObjectNode accumulator = coalesce.createAccumulator();
    for (KV<Long, JsonBytes> record : records) {
      accumulator =
          coalesce.addInput(accumulator, KV.of(record.getKey(), record.getValue().parse()));
    }
    try {
      return mapping.map(coalesce.extractOutput(accumulator), now);
    } catch (IllegalArgumentException bad) {
      throw new BadDataException(file + ", key " + key + ": " + bad.getMessage());
    }
  }
}
