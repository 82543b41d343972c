package gov.austintexas.atd.pipelines.bondcalculations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import gov.austintexas.atd.transforms.totals.BucketedCombine;
import gov.austintexas.atd.transforms.totals.DecimalSum;
import java.math.BigDecimal;
import java.util.Map;
import org.apache.beam.sdk.coders.BigDecimalCoder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.TypeDescriptor;

/**
 * The all-bonds metadata, dataset {@code 9ufs-k2md}: every row of {@code all_bonds_program_names}
 * as it is, plus {@code appropriated}, the sum of its dashboard id's appropriations ({@code null}
 * when it has none). The appropriations are few, so they join as a side input.
 */
public class AllBondsMetadata extends PTransform<PCollection<ObjectNode>, PCollection<String>> {
  private static final long serialVersionUID = 1L;
  private final transient PCollection<DatedAmount> appropriations;

  private AllBondsMetadata(PCollection<DatedAmount> appropriations) {
    this.appropriations = appropriations;
  }

  public static AllBondsMetadata withAppropriations(PCollection<DatedAmount> appropriations) {
    return new AllBondsMetadata(appropriations);
  }

  @Override
  public PCollection<String> expand(PCollection<ObjectNode> programNames) {
    PCollectionView<Map<String, BigDecimal>> appropriated =
        appropriations
            .apply(
                "Appropriation amounts",
                MapElements.into(new TypeDescriptor<KV<String, BigDecimal>>() {})
                    .via(
                        row ->
                            KV.of(
                                row.dashboardId(),
                                row.amount() == null ? BigDecimal.ZERO : row.amount())))
            .setCoder(KvCoder.of(StringUtf8Coder.of(), BigDecimalCoder.of()))
            // In buckets: a bundle per dashboard id would make the view's grouping copy its values
            // again for each (thousands at 1,000,000 rows).
            .apply("Sum per dashboard id", BucketedCombine.perKey(DecimalSum.of()))
            .apply("Appropriated view", View.asMap());
    return programNames
        .apply(
            "With appropriated",
            ParDo.of(new AppropriatedFn(appropriated)).withSideInputs(appropriated))
        .setCoder(StringUtf8Coder.of());
  }

  static class AppropriatedFn extends DoFn<ObjectNode, String> {
    private static final long serialVersionUID = 1L;
    private final PCollectionView<Map<String, BigDecimal>> appropriated;

    AppropriatedFn(PCollectionView<Map<String, BigDecimal>> appropriated) {
      this.appropriated = appropriated;
    }

    @ProcessElement
    public void processElement(ProcessContext context) {
      ObjectNode row = context.element().deepCopy();
      String dashboardId = row.path("dashboard_deptfundprogact").textValue();
      SocrataValues.put(
          row,
          "appropriated",
          dashboardId == null ? null : context.sideInput(appropriated).get(dashboardId));
      context.output(SocrataValues.text(row));
    }
  }
}
