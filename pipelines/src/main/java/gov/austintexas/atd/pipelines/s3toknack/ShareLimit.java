package gov.austintexas.atd.pipelines.s3toknack;

import java.io.Serializable;
import java.math.BigDecimal;

/**
 * A safety rail's rule: a plan may update, or create, at most {@code maxShare} of the Knack records
 * it was made against. Updating most of an object is usually a mapping or format mistake (a handler
 * changed, a number now written as text); creating that many is usually a read or key mistake
 * (records the read missed, a key now written differently), which would duplicate them.
 *
 * <p>The rule is a share and nothing else, so it applies to small objects too (3 updates of 5
 * records is 60%): there a look at the dry run is cheap. An object with no records passes both: it
 * has nothing to update, and its first load is all creates.
 */
record ShareLimit(Action action, BigDecimal maxShare) implements Serializable {

  enum Action {
    UPDATE,
    CREATE
  }

  static ShareLimit updates(double maxShare) {
    return new ShareLimit(Action.UPDATE, BigDecimal.valueOf(maxShare));
  }

  static ShareLimit creates(double maxShare) {
    return new ShareLimit(Action.CREATE, BigDecimal.valueOf(maxShare));
  }

  boolean exceededBy(long writes, long knackRecords) {
    return knackRecords > 0
        && BigDecimal.valueOf(writes).compareTo(maxShare.multiply(BigDecimal.valueOf(knackRecords)))
            > 0;
  }

  /**
   * "the plan would update 3 of the 5 Knack records, more than 50%", "the plan would create 3
   * records, more than 50% of the 5 Knack records"
   */
  String describe(long writes, long knackRecords) {
    String share = maxShare.movePointRight(2).stripTrailingZeros().toPlainString() + "%";
    return action == Action.UPDATE
        ? "the plan would update "
            + writes
            + " of the "
            + knackRecords
            + " Knack records, more than "
            + share
        : "the plan would create "
            + writes
            + " records, more than "
            + share
            + " of the "
            + knackRecords
            + " Knack records";
  }
}
