package gov.austintexas.atd.pipelines.bondcalculations;

import gov.austintexas.atd.transforms.io.TextChunk;
import gov.austintexas.atd.transforms.io.WriteOrderedTextFile;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.WithKeys;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PDone;

/**
 * Writes {@code preview.html} ({@link PreviewPage}) into a directory from the rows of the two 2020
 * bond summary datasets as they are written, and the run's notes about dropped keys:
 *
 * <pre>
 * currentRows.apply(DashboardPreview.to(outputDir, "hq9n-d77y", previousRows, "5ewg-ssu3", notes))
 * </pre>
 *
 * <p>The summary tables are small (a row per label and dashboard id), so their rows are gathered
 * under one key and the page is made in one step; it is written like the datasets' files, staged
 * and moved into place whole.
 */
public class DashboardPreview extends PTransform<PCollection<String>, PDone> {
  private static final long serialVersionUID = 1L;
  public static final String FILE_NAME = "preview.html";
  private static final String CURRENT = "current";
  private static final String PREVIOUS = "previous";
  private static final String NOTE = "note";

  private final String directory;
  private final String currentId;
  private final String previousId;
  private final transient PCollection<String> previous;
  private final transient PCollection<String> notes;

  private DashboardPreview(
      String directory,
      String currentId,
      String previousId,
      PCollection<String> previous,
      PCollection<String> notes) {
    this.directory = directory;
    this.currentId = currentId;
    this.previousId = previousId;
    this.previous = previous;
    this.notes = notes;
  }

  /**
   * The preview of the current summary table (the input), the previous one and the notes, to {@code
   * directory}: {@code s3://bucket/prefix/} or a local path.
   */
  public static DashboardPreview to(
      String directory,
      String currentId,
      PCollection<String> previous,
      String previousId,
      PCollection<String> notes) {
    return new DashboardPreview(directory, currentId, previousId, previous, notes);
  }

  @Override
  public PDone expand(PCollection<String> current) {
    PCollectionList.of(tagged(current, CURRENT))
        .and(tagged(previous, PREVIOUS))
        .and(tagged(notes, NOTE))
        .apply("Everything shown", Flatten.pCollections())
        .apply("Gather", WithKeys.of(FILE_NAME))
        .setCoder(
            KvCoder.of(
                StringUtf8Coder.of(), KvCoder.of(StringUtf8Coder.of(), StringUtf8Coder.of())))
        .apply("Group", GroupByKey.create())
        .apply("Page", ParDo.of(new PageFn(currentId, previousId)))
        .apply(
            "Write " + FILE_NAME,
            WriteOrderedTextFile.to(directory, FILE_NAME).withMimeType("text/html; charset=utf-8"));
    return PDone.in(current.getPipeline());
  }

  private static PCollection<KV<String, String>> tagged(PCollection<String> lines, String tag) {
    return lines
        .apply("Tag " + tag, WithKeys.of(tag))
        .setCoder(KvCoder.of(StringUtf8Coder.of(), StringUtf8Coder.of()));
  }

  /** The page from the gathered rows and notes, as one chunk of one record. */
  static class PageFn extends DoFn<KV<String, Iterable<KV<String, String>>>, TextChunk> {
    private static final long serialVersionUID = 1L;
    private final String currentId;
    private final String previousId;

    PageFn(String currentId, String previousId) {
      this.currentId = currentId;
      this.previousId = previousId;
    }

    @ProcessElement
    public void processElement(
        @Element KV<String, Iterable<KV<String, String>>> gathered, OutputReceiver<TextChunk> out) {
      Map<String, List<String>> byTag =
          Map.of(CURRENT, new ArrayList<>(), PREVIOUS, new ArrayList<>(), NOTE, new ArrayList<>());
      for (KV<String, String> line : gathered.getValue()) {
        byTag.get(line.getKey()).add(line.getValue());
      }
      String page =
          PreviewPage.html(
              List.of(
                  new PreviewPage.Table(CURRENT, currentId, byTag.get(CURRENT)),
                  new PreviewPage.Table(PREVIOUS, previousId, byTag.get(PREVIOUS))),
              byTag.get(NOTE));
      out.output(new TextChunk(0, 1, page));
    }
  }
}
