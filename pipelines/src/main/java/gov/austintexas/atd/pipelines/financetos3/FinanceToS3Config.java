package gov.austintexas.atd.pipelines.financetos3;

import gov.austintexas.atd.pipelines.ConfigFiles;
import gov.austintexas.atd.pipelines.RunReport;
import gov.austintexas.atd.pipelines.Settings;
import gov.austintexas.atd.pipelines.UsageException;
import gov.austintexas.atd.pipelines.financetos3.RecordTypes.RecordType;
import gov.austintexas.atd.transforms.jdbc.JdbcSettings;
import java.util.Map;

/**
 * What one {@code finance-to-s3} run does, resolved from its options and variables with every check
 * made before any I/O.
 *
 * @param output the folder {@code {recordType}.json} goes to, ending in {@code /}
 * @param minRowShare the shrink rail's share of the old file's rows, or null with {@code
 *     --allowShrink}
 */
record FinanceToS3Config(
    RecordType type, String output, JdbcSettings database, int fetchSize, Double minRowShare) {

  /** Resolves and checks the options, telling {@code report} the subject and default directory. */
  static FinanceToS3Config resolve(
      FinanceToS3Options options, Map<String, String> environment, RunReport report) {
    RecordType type =
        RecordTypes.load(ConfigFiles.of(options, environment)).get(options.getRecordType());
    report.subject(type.name());
    String output = new Settings(environment).directoryOrBucket(options.getOutput(), "output");
    report.defaultDirectory(output + "reports/");
    JdbcSettings database = FinanceDatabase.settings(options, environment).jdbc();
    double share = options.getMinRowShare();
    if (!options.getAllowShrink() && !(share >= 0 && share <= 1)) {
      throw new UsageException("--minRowShare must be between 0 and 1 (0.5 is 50%), not " + share);
    }
    return new FinanceToS3Config(
        type, output, database, options.getFetchSize(), options.getAllowShrink() ? null : share);
  }
}
