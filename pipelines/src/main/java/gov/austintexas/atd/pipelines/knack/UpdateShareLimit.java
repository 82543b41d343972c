package gov.austintexas.atd.pipelines.knack;

import java.io.Serializable;
import java.math.BigDecimal;

/**
 * The mass-update rail's rule: a plan may update at most {@code maxShare} of the Knack records it
 * was made against. Updating most of an object is usually a mapping or format mistake (a handler
 * changed, a number now written as text), not a month's real changes.
 *
 * <p>The rule is a share and nothing else, so it applies to small objects too (3 updates of 5
 * records is 60%): there a look at the dry run is cheap. An object with no records has nothing to
 * update, so its plan (creates only) always passes.
 */
record UpdateShareLimit(BigDecimal maxShare) implements Serializable {

  static UpdateShareLimit of(double maxShare) {
    return new UpdateShareLimit(BigDecimal.valueOf(maxShare));
  }

  boolean exceededBy(long updates, long knackRecords) {
    return knackRecords > 0 && BigDecimal.valueOf(updates).compareTo(maxShare.multiply(BigDecimal.valueOf(knackRecords))) > 0;
  }

  /** "the plan would update 3 of the 5 Knack records, more than 50%" */
  String describe(long updates, long knackRecords) {
    return "the plan would update " + updates + " of the " + knackRecords + " Knack records, more than "
        + maxShare.movePointRight(2).stripTrailingZeros().toPlainString() + "%";
  }
}
