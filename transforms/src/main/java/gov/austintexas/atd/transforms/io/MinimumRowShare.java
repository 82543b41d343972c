package gov.austintexas.atd.transforms.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import gov.austintexas.atd.transforms.BadDataException;
import gov.austintexas.atd.transforms.json.JsonArrayElements;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.channels.Channels;
import java.util.List;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.EmptyMatchTreatment;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Refuses to replace a JSON array file with one that has fewer rows than a share of the old file's:
 * a sudden shrink is more often a broken extract (a view emptied, a join gone wrong) than real
 * data. The old file's rows are counted as a stream, so its size does not matter.
 *
 * <p>With no old file there is nothing to compare, so nothing to refuse. An old file that is not a
 * JSON array cannot be compared either; it is replaced, with a warning, since a fresh extract is
 * what fixes it.
 */
public final class MinimumRowShare implements PublishGuard {
  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(MinimumRowShare.class);

  private final BigDecimal share;
  private final String advice;

  private MinimumRowShare(BigDecimal share, String advice) {
    this.share = share;
    this.advice = advice;
  }

  /**
   * @param share the least share of the old file's rows the new file must have, 0 to 1
   * @param advice what the operator can do, appended to the refusal (e.g. the override option)
   */
  public static MinimumRowShare of(double share, String advice) {
    if (!(share >= 0 && share <= 1)) {
      throw new IllegalArgumentException("the share of rows must be between 0 and 1, not " + share);
    }
    return new MinimumRowShare(BigDecimal.valueOf(share), advice);
  }

  @Override
  public void check(ResourceId target, long newCount) throws IOException {
    List<MatchResult.Metadata> old =
        FileSystems.match(target.toString(), EmptyMatchTreatment.ALLOW).metadata();
    if (old.isEmpty()) {
      return;
    }
    long oldCount;
    try (InputStream in = Channels.newInputStream(FileSystems.open(target))) {
      oldCount = JsonArrayElements.count(in);
    } catch (JsonProcessingException notAnArray) {
      LOG.warn(
          "{} is not a JSON array ({}), so its rows cannot be compared; replacing it",
          target,
          notAnArray.getOriginalMessage());
      return;
    }
    if (BigDecimal.valueOf(newCount).compareTo(share.multiply(BigDecimal.valueOf(oldCount))) < 0) {
      throw new BadDataException(
          target.getFilename()
              + ": the new extract has "
              + newCount
              + " rows, fewer than "
              + percent()
              + " of the "
              + oldCount
              + " rows in "
              + target
              + ", which was left as it was"
              + (advice.isEmpty() ? "" : "; " + advice));
    }
  }

  /** 0.5 → "50%", 0.125 → "12.5%". */
  private String percent() {
    return share.movePointRight(2).stripTrailingZeros().toPlainString() + "%";
  }
}
