package gov.austintexas.atd.pipelines.bonddata;

import gov.austintexas.atd.pipelines.OutageException;
import gov.austintexas.atd.transforms.BadDataException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A finished run's summary, from each source's report (data): the lines of every source, then
 * either the tables replaced, or the sources not loaded. An outage (a source or the database that
 * could not be reached, or a timeout) is exit 1 and named first, since a scheduler retries it and a
 * retry can load those sources; invalid data alone is exit 3.
 */
final class BondDataSummary {
  private BondDataSummary() {}

  static List<String> of(BondDataConfig config, List<SourceReport> reports) {
    Map<String, SourceReport> byTable = new HashMap<>();
    reports.forEach(report -> byTable.put(report.table(), report));
    List<String> lines = new ArrayList<>();
    List<String> notLoaded = new ArrayList<>();
    List<String> outages = new ArrayList<>();
    for (BondDataConfig.Load load : config.loads()) {
      SourceReport report = byTable.get(load.name());
      if (report == null) {
        throw new IllegalStateException("the run reported nothing for " + load.name());
      }
      lines.addAll(report.lines());
      if (!report.loaded()) {
        (report.outage() ? outages : notLoaded).add(load.name());
      }
    }
    int sources = config.loads().size();
    String leftAsTheyWere = " not loaded, their tables left as they were: ";
    if (!outages.isEmpty()) {
      throw new OutageException(
          outages.size()
              + " of "
              + sources
              + " sources could not be reached or written (an outage or a timeout), and"
              + leftAsTheyWere
              + String.join(", ", outages)
              + (notLoaded.isEmpty()
                  ? ""
                  : "; "
                      + notLoaded.size()
                      + " more had invalid data: "
                      + String.join(", ", notLoaded)),
          lines);
    }
    if (!notLoaded.isEmpty()) {
      throw new BadDataException(
          notLoaded.size()
              + " of "
              + sources
              + " sources"
              + leftAsTheyWere
              + String.join(", ", notLoaded),
          lines);
    }
    lines.add(
        "bond-data: "
            + sources
            + (sources == 1 ? " table" : " tables")
            + " replaced, updated_at "
            + config.runStart()
            + " UTC");
    return lines;
  }
}
