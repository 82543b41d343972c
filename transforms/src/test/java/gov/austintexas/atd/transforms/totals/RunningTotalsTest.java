package gov.austintexas.atd.transforms.totals;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestPipelineExtension;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Running totals and exact sums: order, ties, empty amounts, and splits across workers. */
@ExtendWith(TestPipelineExtension.class)
class RunningTotalsTest {

  private static SeriesPoint<String> point(
      String date, long order, String first, String second, String name) {
    return new SeriesPoint<>(date, order, Arrays.asList(decimal(first), decimal(second)), name);
  }

  private static BigDecimal decimal(String text) {
    return text == null ? null : new BigDecimal(text);
  }

  @Test
  void totalsEachSeriesInDateOrderWithTiesInInputOrder(TestPipeline pipeline) {
    List<KV<String, SeriesPoint<String>>> points =
        List.of(
            KV.of("a", point("2023-10-03", 5, "1.10", "0", "a3")),
            KV.of("a", point("2023-10-01", 9, "100", "-5.25", "a1")),
            KV.of("b", point("2023-10-01", 1, "7", "7", "b1")),
            KV.of("a", point("2023-10-02", 2, "0.01", "2", "a2-first")),
            KV.of("a", point("2023-10-02", 3, "0.02", null, "a2-second")));
    PCollection<String> totals =
        pipeline
            .apply(
                Create.of(points)
                    .withCoder(
                        KvCoder.of(
                            StringUtf8Coder.of(), SeriesPointCoder.of(StringUtf8Coder.of()))))
            .apply(RunningTotals.perKey())
            .apply(
                MapElements.into(TypeDescriptors.strings())
                    .via(
                        kv ->
                            kv.getKey()
                                + " "
                                + kv.getValue().value()
                                + " "
                                + kv.getValue().totals()));
    PAssert.that(totals)
        .containsInAnyOrder(
            "a a1 [100, -5.25]",
            "a a2-first [100.01, -3.25]",
            "a a2-second [100.03, null]",
            "a a3 [101.13, -3.25]",
            "b b1 [7, 7]");
    pipeline.run().waitUntilFinish();
  }

  @Test
  void mergedPartialAccumulatorsGiveTheSameTotalsInAnyOrder() {
    RunningTotalsFn<String> fn = new RunningTotalsFn<>();
    List<SeriesPoint<String>> worker1 = fn.createAccumulator();
    fn.addInput(worker1, point("2024-01-01", 4, "3", "1", "late"));
    fn.addInput(worker1, point("2023-12-01", 1, "1", null, "early"));
    List<SeriesPoint<String>> worker2 = fn.createAccumulator();
    fn.addInput(worker2, point("2023-12-15", 2, "2", "2", "middle"));
    List<Totalled<String>> expected =
        List.of(
            new Totalled<>("early", Arrays.asList(decimal("1"), null)),
            new Totalled<>("middle", Arrays.asList(decimal("3"), decimal("2"))),
            new Totalled<>("late", Arrays.asList(decimal("6"), decimal("3"))));
    assertEquals(expected, fn.extractOutput(fn.mergeAccumulators(List.of(worker1, worker2))));
    assertEquals(expected, fn.extractOutput(fn.mergeAccumulators(List.of(worker2, worker1))));
    assertEquals(
        expected,
        fn.extractOutput(
            fn.mergeAccumulators(
                List.of(fn.mergeAccumulators(List.of(worker2)), new ArrayList<>(worker1)))));
  }

  @Test
  void aBucketOfSeriesMergedFromPartsTotalsEachSeriesOnItsOwn() {
    SeriesTotalsFn<String, String> fn = new SeriesTotalsFn<>();
    Map<String, List<SeriesPoint<String>>> worker1 = fn.createAccumulator();
    fn.addInput(worker1, KV.of("a", point("2024-01-01", 2, "5", "1", "a2")));
    fn.addInput(worker1, KV.of("b", point("2024-01-01", 1, "7", "0", "b1")));
    Map<String, List<SeriesPoint<String>>> worker2 = fn.createAccumulator();
    fn.addInput(worker2, KV.of("a", point("2023-12-01", 1, "1", "1", "a1")));
    List<KV<String, Totalled<String>>> expected =
        List.of(
            KV.of("a", new Totalled<>("a1", Arrays.asList(decimal("1"), decimal("1")))),
            KV.of("a", new Totalled<>("a2", Arrays.asList(decimal("6"), decimal("2")))),
            KV.of("b", new Totalled<>("b1", Arrays.asList(decimal("7"), decimal("0")))));
    assertEquals(
        expected, sorted(fn.extractOutput(fn.mergeAccumulators(List.of(worker1, worker2)))));
    assertEquals(
        expected, sorted(fn.extractOutput(fn.mergeAccumulators(List.of(worker2, worker1)))));
  }

  private static List<KV<String, Totalled<String>>> sorted(
      List<KV<String, Totalled<String>>> totalled) {
    List<KV<String, Totalled<String>>> sorted = new ArrayList<>(totalled);
    sorted.sort(
        java.util.Comparator.comparing((KV<String, Totalled<String>> kv) -> kv.getKey())
            .thenComparing(kv -> kv.getValue().value()));
    return sorted;
  }

  @Test
  void sumsDecimalsExactly(TestPipeline pipeline) {
    PCollection<KV<String, BigDecimal>> sums =
        pipeline
            .apply(
                Create.of(
                    KV.of("x", new BigDecimal("0.10")), KV.of("x", new BigDecimal("0.20")),
                    KV.of("x", new BigDecimal("-0.30")),
                        KV.of("y", new BigDecimal("1234567890123.45"))))
            .apply(Combine.perKey(DecimalSum.of()));
    PAssert.that(sums)
        .containsInAnyOrder(
            KV.of("x", new BigDecimal("0.00")), KV.of("y", new BigDecimal("1234567890123.45")));
    pipeline.run().waitUntilFinish();
  }
}
