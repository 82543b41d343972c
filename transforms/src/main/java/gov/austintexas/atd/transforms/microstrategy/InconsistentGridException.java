package gov.austintexas.atd.transforms.microstrategy;

import gov.austintexas.atd.transforms.BadDataException;

/**
 * A report answer that does not add up (rows without values, rows of the wrong width, an element
 * index out of range, a missing or changing row count, rows from the wrong place): bad data from
 * the server, named by report, page and row. The read fails before anything is written.
 */
public class InconsistentGridException extends BadDataException {
  private static final long serialVersionUID = 1L;

  public InconsistentGridException(String message) {
    super(message);
  }
}
