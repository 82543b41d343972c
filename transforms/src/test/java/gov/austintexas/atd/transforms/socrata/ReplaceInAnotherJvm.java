package gov.austintexas.atd.transforms.socrata;

import java.time.Duration;

/**
 * A replace run in its own JVM, so a test can kill it mid-upload as a scheduler or the OOM killer
 * would: {@code <portal> <token> <user> <secret> <dataset> <rows>}, the rows being {@link
 * RevisionReplaceTest#rows}{@code ("new", rows)}.
 */
public final class ReplaceInAnotherJvm {
  private ReplaceInAnotherJvm() {}

  public static void main(String[] args) {
    SocrataConnection connection =
        SocrataConnection.of(args[0], args[1], args[2], args[3])
            .withTimeout(Duration.ofSeconds(10))
            .withPolling(Duration.ofMillis(5), Duration.ofSeconds(30));
    SocrataWriteResult result =
        new RevisionReplace(new SocrataClient(connection), connection, args[4], 1_000_000, false)
            .run(RevisionReplaceTest.rows("new", Integer.parseInt(args[5])));
    System.out.println(result);
  }
}
