package gov.austintexas.atd.pipelines.s3toknack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ShareLimitTest {

  @Test
  void moreThanTheShareIsRefusedAndExactlyTheShareIsNot() {
    ShareLimit half = ShareLimit.updates(0.5);
    assertFalse(half.exceededBy(2, 4));
    assertTrue(half.exceededBy(3, 5));
    assertFalse(half.exceededBy(500, 1000));
    assertTrue(half.exceededBy(501, 1000));
  }

  @Test
  void anObjectWithNoRecordsHasNothingToUpdateSoItsPlanPasses() {
    assertFalse(ShareLimit.updates(0).exceededBy(0, 0));
    assertTrue(ShareLimit.updates(0).exceededBy(1, 10));
    assertFalse(ShareLimit.updates(1).exceededBy(10, 10));
  }

  @Test
  void describesBothCountsAndTheLimit() {
    assertEquals(
        "the plan would update 3 of the 5 Knack records, more than 50%",
        ShareLimit.updates(0.5).describe(3, 5));
    assertEquals(
        "the plan would update 2 of the 3 Knack records, more than 12.5%",
        ShareLimit.updates(0.125).describe(2, 3));
  }
}
