package gov.austintexas.atd.pipelines.bonddata;

import gov.austintexas.atd.pipelines.BondDatabaseOptions;
import gov.austintexas.atd.pipelines.RunReportOptions;
import gov.austintexas.atd.transforms.s3.S3AccessOptions;
import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;

/** Options of {@code bond-data}. */
public interface BondDataOptions extends S3AccessOptions, BondDatabaseOptions, RunReportOptions {

  @Description(
      "Load only this source (a table name from src/bond/sources.json); all of them by default.")
  String getSource();

  void setSource(String value);

  @Description(
      "A sources file to use instead of the packed src/bond/sources.json, e.g. to point sources at "
          + "local files (file: URIs or paths) for a demo or a test.")
  String getSourcesFile();

  void setSourcesFile(String value);

  @Description(
      "Directory holding the MicroStrategy report files, where microstrategy-to-s3 writes them (the"
          + " sources located by a plain key): s3://bucket[/prefix]/ or a local directory. Falls"
          + " back to s3://$BUCKET/.")
  String getInput();

  void setInput(String value);

  @Description(
      "The longest time, in seconds, one download of a source URL may take, from the request to the"
          + " last byte (retried 3 times).")
  @Default.Integer(60)
  int getHttpTimeoutSeconds();

  void setHttpTimeoutSeconds(int value);

  @Description(
      "The longest wait, in seconds, for the lock on a table being replaced; another writer holding"
          + " it longer fails that table (exit 1), which is left as it was.")
  @Default.Integer(60)
  int getDbLockTimeoutSeconds();

  void setDbLockTimeoutSeconds(int value);
}
