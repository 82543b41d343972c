package gov.austintexas.atd.pipelines.bondcalculations;

import gov.austintexas.atd.pipelines.BondDatabase;
import gov.austintexas.atd.pipelines.ConfigFiles;
import gov.austintexas.atd.pipelines.RunReport;
import gov.austintexas.atd.pipelines.RunResults;
import gov.austintexas.atd.pipelines.Settings;
import gov.austintexas.atd.pipelines.SocrataPortal;
import gov.austintexas.atd.pipelines.UsageException;
import gov.austintexas.atd.pipelines.bondcalculations.BondDatasets.Dataset;
import gov.austintexas.atd.transforms.jdbc.JdbcSettings;
import gov.austintexas.atd.transforms.socrata.SocrataConnection;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What one {@code bond-calculations} run does, resolved from its options and variables with every
 * check made before any I/O.
 *
 * @param outputDir the folder of the dataset files and the preview, ending in {@code /}, or null
 * @param socrata the portal, or null on a dry run
 * @param datasetIds each dataset's Socrata id
 * @param socrataResults where each dataset's Socrata write result comes back
 * @param notes where the report lines about keys the joins dropped come back
 */
record BondCalculationsConfig(
    JdbcSettings database,
    ConfigFiles files,
    int fetchSize,
    int chunkSize,
    String outputDir,
    boolean dryRun,
    SocrataConnection socrata,
    Map<Dataset, String> datasetIds,
    RunResults socrataResults,
    RunResults notes) {

  /** Resolves and checks the options, telling {@code report} its default directory first. */
  static BondCalculationsConfig resolve(
      BondCalculationsOptions options, Map<String, String> environment, RunReport report) {
    JdbcSettings database = BondDatabase.settings(options, environment, "bond-calculations");
    String outputDir =
        options.getOutputDir() == null || options.getOutputDir().isBlank()
            ? null
            : Settings.withSlash(options.getOutputDir());
    // Next to the files when there are files; else in the bond chain's bucket, where the
    // MicroStrategy reports and bond-data's run reports are.
    Settings settings = new Settings(environment);
    String bucket = settings.variable("BUCKET");
    report.durableDefaultDirectory(
        outputDir != null
            ? outputDir + "reports/"
            : bucket != null ? "s3://" + bucket + "/reports/" : null,
        options,
        "give --reportDir (s3://bucket/prefix/ or a mounted folder), --outputDir, or set BUCKET");
    if (options.getDryRun() && outputDir == null) {
      throw new UsageException(
          "--dryRun publishes nothing and only writes the --outputDir files: give --outputDir");
    }
    if (options.getFetchSize() < 1 || options.getChunkSize() < 1) {
      throw new UsageException("--fetchSize and --chunkSize must be at least 1");
    }
    SocrataConnection socrata = null;
    if (!options.getDryRun()) {
      List<String> missing = new ArrayList<>();
      socrata = SocrataPortal.connection(options, settings, missing);
      if (!missing.isEmpty()) {
        throw new UsageException(
            "Socrata is not configured: give "
                + String.join(", ", missing)
                + "; or --dryRun with --outputDir");
      }
    }
    Map<Dataset, String> ids = new EnumMap<>(Dataset.class);
    for (Dataset dataset : Dataset.values()) {
      ids.put(dataset, BondCalculations.datasetId(dataset, options));
    }
    return new BondCalculationsConfig(
        database,
        ConfigFiles.of(options, environment),
        options.getFetchSize(),
        options.getChunkSize(),
        outputDir,
        options.getDryRun(),
        socrata,
        Collections.unmodifiableMap(ids),
        RunResults.of(options),
        RunResults.of(options));
  }

  String id(Dataset dataset) {
    return datasetIds.get(dataset);
  }

  /** A dataset's steps are named after it: "all_bonds_lookup mri6-eexh". */
  String label(Dataset dataset) {
    return dataset.name().toLowerCase(Locale.ROOT) + " " + id(dataset);
  }
}
