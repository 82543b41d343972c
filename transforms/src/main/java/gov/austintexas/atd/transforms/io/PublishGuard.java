package gov.austintexas.atd.transforms.io;

import java.io.IOException;
import java.io.Serializable;
import org.apache.beam.sdk.io.fs.ResourceId;

/**
 * A last check before a one-file write replaces its target: it runs in the publish step, once every
 * part is written and the new record count is known, and before anything is moved. It refuses by
 * throwing (a {@code BadDataException} for a refusal the operator can act on); the target is then
 * left as it was and the staged parts are deleted.
 */
@FunctionalInterface
public interface PublishGuard extends Serializable {

  /** Checks replacing {@code target} (which may not exist yet) with {@code newCount} records. */
  void check(ResourceId target, long newCount) throws IOException;
}
