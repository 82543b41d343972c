package gov.austintexas.atd.pipelines;

/** The launcher's exit codes, distinct so a scheduler can tell what went wrong. */
public enum ExitCode {
  SUCCESS(0, "the run finished and every destination is up to date"),
  UNEXPECTED(1, "an unexpected error: a connection, a server or a bug (the stack trace follows)"),
  USAGE(2, "a configuration or usage error, found before any I/O"),
  BAD_DATA(
      3,
      "the input data is wrong or suspect (no rows, or a safety rail refused it); destinations were"
          + " left as they were"),
  WRITE_FAILED(
      4, "some records could not be written after retries; the others were, see the dead letters");

  public final int code;
  public final String meaning;

  ExitCode(int code, String meaning) {
    this.code = code;
    this.meaning = meaning;
  }
}
