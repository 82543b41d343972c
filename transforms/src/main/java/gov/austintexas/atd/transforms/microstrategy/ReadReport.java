package gov.austintexas.atd.transforms.microstrategy;

import gov.austintexas.atd.transforms.progress.ProgressLog;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.display.DisplayData;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;

/**
 * Reads one MicroStrategy report as a collection of {@link ReportPage}s, one element per page, so
 * no element holds the whole report.
 *
 * <p>A report instance lives in one login session, so one worker reads the whole report (with up to
 * {@code parallelPages} page requests in flight); see {@link ReportReader} for retries and session
 * renewal. The pages are spooled to a local file and emitted once the read is complete and
 * consistent, so a read that starts over never emits pages of two executions.
 */
public class ReadReport extends PTransform<PBegin, PCollection<ReportPage>> {
  private static final long serialVersionUID = 1L;

  private final MicroStrategyConfig config;
  private final String reportId;
  private final int pageSize;
  private final int parallelPages;

  private ReadReport(MicroStrategyConfig config, String reportId, int pageSize, int parallelPages) {
    this.config = config;
    this.reportId = reportId;
    this.pageSize = pageSize;
    this.parallelPages = parallelPages;
  }

  public static ReadReport of(MicroStrategyConfig config, String reportId) {
    return new ReadReport(config, reportId, 5000, 4);
  }

  /** Rows per request. */
  public ReadReport withPageSize(int rows) {
    return new ReadReport(config, reportId, rows, parallelPages);
  }

  /** Page requests in flight at once; 1 reads one page after the other. */
  public ReadReport withParallelPages(int pages) {
    return new ReadReport(config, reportId, pageSize, pages);
  }

  @Override
  public PCollection<ReportPage> expand(PBegin input) {
    return input
        .apply("Report " + reportId, Create.of(reportId))
        .apply("Read pages", ParDo.of(new ReadReportFn(config, pageSize, parallelPages, reportId)));
  }

  @Override
  public void populateDisplayData(DisplayData.Builder builder) {
    super.populateDisplayData(builder);
    builder
        .add(DisplayData.item("baseUrl", config.baseUrl()))
        .add(DisplayData.item("reportId", reportId))
        .add(DisplayData.item("pageSize", pageSize))
        .add(DisplayData.item("parallelPages", parallelPages));
  }

  static class ReadReportFn extends DoFn<String, ReportPage> {
    private static final long serialVersionUID = 1L;
    private final Counter rows = Metrics.counter(ReadReport.class, "rows_read");
    private final Counter pages = Metrics.counter(ReadReport.class, "pages_read");
    private final Counter retries = Metrics.counter(ReadReport.class, "call_retries");
    private final Counter renewals = Metrics.counter(ReadReport.class, "session_renewals");
    private final Counter startOvers = Metrics.counter(ReadReport.class, "read_start_overs");
    private final MicroStrategyConfig config;
    private final int pageSize;
    private final int parallelPages;
    private final ProgressLog progress;

    private transient MicroStrategyClient client;

    ReadReportFn(MicroStrategyConfig config, int pageSize, int parallelPages, String reportId) {
      this.config = config;
      this.pageSize = pageSize;
      this.parallelPages = parallelPages;
      this.progress = ProgressLog.of("microstrategy read report " + reportId, "rows");
    }

    @Setup
    public void setup() {
      client = new MicroStrategyClient(config);
    }

    @ProcessElement
    public void processElement(@Element String reportId, OutputReceiver<ReportPage> out)
        throws Exception {
      ReportReader.Summary summary;
      try (PageSpool spool = new PageSpool()) {
        summary =
            new ReportReader(client, config, pageSize, parallelPages)
                .read(
                    reportId,
                    new ReportReader.PageSink() {
                      @Override
                      public void accept(ReportPage page) throws Exception {
                        spool.accept(page);
                        progress.add(page.rows().size());
                      }

                      @Override
                      public void restart() throws Exception {
                        spool.restart();
                      }
                    });
        progress.finish();
        spool.replay(out::output);
      }
      rows.inc(summary.rows());
      pages.inc(summary.pages());
      retries.inc(summary.retries());
      renewals.inc(summary.sessionRenewals());
      startOvers.inc(summary.startOvers());
    }

    @Teardown
    public void teardown() {
      if (client != null) {
        client.close();
      }
    }
  }
}
