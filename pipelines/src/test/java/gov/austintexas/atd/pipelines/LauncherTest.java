package gov.austintexas.atd.pipelines;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The launcher's command line: help, and one-line usage errors with exit code 2. */
class LauncherTest {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private final Launcher launcher =
      new Launcher(
          Map.of(),
          new PrintStream(out, true, StandardCharsets.UTF_8),
          new PrintStream(err, true, StandardCharsets.UTF_8));

  private String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void helpListsThePipelinesAndExitCodes() {
    assertEquals(0, launcher.run("--help"));
    assertEquals(
        String.join(
            "\n",
            "usage: java -jar atd-pipelines.jar <pipeline> [--option=value ...]",
            "       java -jar atd-pipelines.jar <pipeline> --help",
            "       java -jar atd-pipelines.jar --version",
            "       java -jar atd-pipelines.jar validate-config [--configDir=DIR]",
            "",
            "pipelines:",
            "  finance-to-s3          one record type from the financial database to"
                + " {recordType}.json in S3",
            "  s3-to-knack            {recordType}.json to a Knack app: only new and changed"
                + " records, within the rate limit",
            "  s3-to-socrata          the finance JSON files upserted to their four Socrata"
                + " datasets, in chunks",
            "  microstrategy-to-s3    one MicroStrategy report to {report name}.csv in S3",
            "  bond-data              the bond CSV sources, validated, each into its PostgreSQL"
                + " table in one transaction",
            "  bond-calculations      the bond tables to the dashboard's seven Socrata datasets:"
                + " running totals, fiscal-month summaries",
            "  demo                   all six pipelines on embedded sample data and emulated"
                + " services, writing to a local folder",
            "  sandbox                the emulated services and sample databases, up until Ctrl-C,"
                + " with the options that reach them",
            "",
            "exit codes:",
            "  0  the run finished and every destination is up to date",
            "  1  an unexpected error: a connection, a server or a bug (the stack trace follows)",
            "  2  a configuration or usage error, found before any I/O",
            "  3  the input data is wrong or suspect (no rows, or a safety rail refused it);"
                + " destinations were left as they were",
            "  4  some records could not be written after retries; the others were, see the dead"
                + " letters",
            ""),
        out());
  }

  @Test
  void versionPrintsTheBuildsVersionAndCommit() {
    BuildInfo build = BuildInfo.current();
    assertEquals("0.1.0-SNAPSHOT", build.version());
    assertTrue(build.commit().matches("[0-9a-f]{40}|unknown"), build.commit());
    assertEquals(0, launcher.run("--version"));
    assertEquals(0, launcher.run("version"));
    String line =
        "atd-pipelines 0.1.0-SNAPSHOT (commit "
            + build.commit()
            + (build.dirty() ? ", with uncommitted changes" : "")
            + ")\n";
    assertEquals(line + line, out());
  }

  @Test
  void pipelineHelpListsItsOptionsWithDescriptions() {
    assertEquals(0, launcher.run("finance-to-s3", "--help"));
    String help = out();
    assertTrue(help.startsWith("finance-to-s3: one record type from the financial database"), help);
    for (String option :
        new String[] {
          "--recordType",
          "--output",
          "--jdbcUrl",
          "--dbHost",
          "--dbPort",
          "--dbService",
          "--dbUser",
          "--dbPassword",
          "--fetchSize",
          "--minRowShare",
          "--allowShrink",
          "--s3PathStyleAccess",
          "--endpoint",
          "--awsRegion",
          "--logLevel",
          "--logFormat",
          "--runId"
        }) {
      assertTrue(help.contains(option), option + " is missing from:\n" + help);
    }
    assertTrue(help.contains("Falls back to s3://$BUCKET/."), help);
  }

  @Test
  void theBondPipelinesHelpListsTheirOptions() {
    assertEquals(0, launcher.run("microstrategy-to-s3", "--help"));
    assertEquals(0, launcher.run("bond-data", "--help"));
    String help = out();
    for (String option :
        new String[] {
          "--reportName",
          "--mstrBaseUrl",
          "--mstrUser",
          "--mstrPassword",
          "--mstrProjectId",
          "--pageSize",
          "--parallelPages",
          "--mstrTimeoutSeconds",
          "--mstrMaxRetries",
          "--source",
          "--sourcesFile",
          "--input",
          "--jdbcUrl",
          "--dbUser",
          "--dbPassword",
          "--httpTimeoutSeconds"
        }) {
      assertTrue(help.contains(option + "="), option + " is missing from:\n" + help);
    }
    assertTrue(help.contains("Falls back to MSTRO_PASSWORD"), help);
  }

  @Test
  void noArgumentsIsAUsageError() {
    assertEquals(2, launcher.run());
    assertTrue(err().startsWith("usage: java -jar atd-pipelines.jar <pipeline>"), err());
  }

  @Test
  void unknownPipelineIsOneLineAndExitCode2() {
    assertEquals(2, launcher.run("finance-to-s4", "--recordType=units"));
    assertEquals(
        "error: unknown pipeline 'finance-to-s4'; known: finance-to-s3, s3-to-knack, s3-to-socrata,"
            + " microstrategy-to-s3, bond-data, bond-calculations, demo, sandbox\n",
        err());
    assertEquals("", out());
  }

  @Test
  void unknownRecordTypeIsOneLineAndExitCode2() {
    assertEquals(2, launcher.run("finance-to-s3", "--recordType=invoices", "--output=/tmp/never"));
    assertEquals(
        "error: finance-to-s3: unknown record type 'invoices'; configured: task_orders, units,"
            + " objects, master_agreements, fdus, subprojects\n",
        err());
  }

  @Test
  void unknownOptionIsOneLineAndExitCode2() {
    assertEquals(2, launcher.run("finance-to-s3", "--recordType=units", "--outptu=/tmp/x"));
    assertEquals(1, err().lines().count(), err());
    assertTrue(err().startsWith("error: finance-to-s3: "), err());
    assertTrue(err().contains("'outptu'"), err());
  }

  @Test
  void missingRecordTypeIsOneLineAndExitCode2() {
    assertEquals(2, launcher.run("finance-to-s3", "--output=/tmp/x"));
    assertEquals(1, err().lines().count(), err());
    assertTrue(err().contains("--recordType"), err());
  }

  @Test
  void noOutputAndNoBucketIsAUsageError() {
    assertEquals(2, launcher.run("finance-to-s3", "--recordType=units", "--jdbcUrl=jdbc:h2:mem:x"));
    assertEquals(
        "error: finance-to-s3: no output: give --output=s3://bucket[/prefix]/ (or a directory), or"
            + " set BUCKET\n",
        err());
  }

  @Test
  void theBondPipelinesWithNowhereDurableForTheirReportStopBeforeAnyIo() {
    // Their destinations are a database and Socrata: a report in the container's folder is lost
    // with --rm.
    assertEquals(2, launcher.run("bond-data", "--jdbcUrl=jdbc:postgresql://127.0.0.1:1/none"));
    assertEquals(
        2, launcher.run("bond-calculations", "--jdbcUrl=jdbc:postgresql://127.0.0.1:1/none"));
    assertEquals(
        "error: bond-data: no durable place for the run report: give --reportDir"
            + " (s3://bucket/prefix/ or a mounted folder), --input, or set BUCKET\n"
            + "error: bond-calculations: no durable place for the run report: give --reportDir"
            + " (s3://bucket/prefix/ or a mounted folder), --outputDir, or set BUCKET\n",
        err());
  }

  @Test
  void missingDatabaseSettingsNameEveryMissingPart() {
    assertEquals(
        2, launcher.run("finance-to-s3", "--recordType=units", "--output=/tmp/x", "--dbHost=db"));
    assertEquals(
        "error: finance-to-s3: the financial database is not configured: give --jdbcUrl, or set"
            + " --dbService (or SERVICE), --dbUser (or USER, read only with HOST and SERVICE set),"
            + " --dbPassword (or PASSWORD, read only with HOST and SERVICE set)\n",
        err());
  }
}
