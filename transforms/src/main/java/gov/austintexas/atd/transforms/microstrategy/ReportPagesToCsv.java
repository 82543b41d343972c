package gov.austintexas.atd.transforms.microstrategy;

import gov.austintexas.atd.transforms.csv.CsvText;
import gov.austintexas.atd.transforms.io.TextChunk;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;

/**
 * Each report page as a chunk of one CSV file, positioned by the page's first row; the first page
 * carries the header row (the column names), so a report with no rows is a header only.
 */
public class ReportPagesToCsv extends PTransform<PCollection<ReportPage>, PCollection<TextChunk>> {
  private static final long serialVersionUID = 1L;

  @Override
  public PCollection<TextChunk> expand(PCollection<ReportPage> pages) {
    return pages.apply("Format CSV", ParDo.of(new FormatPageFn()));
  }

  static class FormatPageFn extends DoFn<ReportPage, TextChunk> {
    private static final long serialVersionUID = 1L;

    @ProcessElement
    public void processElement(@Element ReportPage page, OutputReceiver<TextChunk> out) {
      boolean first = page.offset() == 0;
      out.output(
          new TextChunk(
              page.offset(),
              page.rows().size(),
              CsvText.of(first ? page.columns() : null, page.rows())));
    }
  }
}
