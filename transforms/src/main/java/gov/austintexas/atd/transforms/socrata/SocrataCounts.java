package gov.austintexas.atd.transforms.socrata;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.Serializable;

/**
 * What Socrata says a write did: {@code {"Errors":0,"Rows Deleted":0,"Rows Updated":0,"By SID":0,
 * "Rows Created":1,"By RowIdentifier":0}}. {@code errors} can be harmless (deleting an absent row)
 * but is always surfaced.
 */
public record SocrataCounts(long created, long updated, long deleted, long errors)
    implements Serializable {
  public static final SocrataCounts NONE = new SocrataCounts(0, 0, 0, 0);

  static SocrataCounts fromResponse(JsonNode body) {
    return new SocrataCounts(
        body.path("Rows Created").asLong(),
        body.path("Rows Updated").asLong(),
        body.path("Rows Deleted").asLong(),
        body.path("Errors").asLong());
  }

  public SocrataCounts plus(SocrataCounts other) {
    return new SocrataCounts(
        created + other.created,
        updated + other.updated,
        deleted + other.deleted,
        errors + other.errors);
  }

  @Override
  public String toString() {
    return "created "
        + created
        + ", updated "
        + updated
        + ", deleted "
        + deleted
        + ", errors "
        + errors;
  }
}
