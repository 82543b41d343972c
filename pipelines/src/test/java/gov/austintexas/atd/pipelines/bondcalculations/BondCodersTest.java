package gov.austintexas.atd.pipelines.bondcalculations;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CoderRegistry;
import org.apache.beam.sdk.testing.CoderProperties;
import org.apache.beam.sdk.util.CoderUtils;
import org.junit.jupiter.api.Test;

/** The summaries' coders give back exactly what they were given: scales, nulls and labels too. */
class BondCodersTest {
  @Test
  void datedAmountsRoundTripWithTheirScaleAndNulls() throws Exception {
    Coder<DatedAmount> coder = BondCoders.DatedAmountCoder.of();
    CoderProperties.coderDecodeEncodeEqual(
        coder, new DatedAmount("5001", LocalDate.of(2023, 10, 2), new BigDecimal("1200.50")));
    CoderProperties.coderDecodeEncodeEqual(coder, new DatedAmount(null, null, null));
    DatedAmount back =
        CoderUtils.clone(
            coder, new DatedAmount("5001", LocalDate.of(2023, 10, 2), new BigDecimal("0.10")));
    assertEquals("0.10", back.amount().toPlainString());
  }

  @Test
  void summaryCellsRoundTrip() throws Exception {
    CoderProperties.coderDecodeEncodeEqual(
        BondCoders.SummaryCellCoder.of(),
        new SummaryCell("2023 10", "5001", new BigDecimal("-3.25"), null, BigDecimal.ZERO));
  }

  @Test
  void amountsRoundTripForMonthsAndWholeYears() throws Exception {
    Coder<LabelSums.Amount> coder = BondCoders.AmountCoder.of();
    CoderProperties.coderDecodeEncodeEqual(
        coder,
        new LabelSums.Amount(
            TableCol.month(YearMonth.of(2023, 12)), LabelSums.Kind.PLANNED, new BigDecimal("7")));
    CoderProperties.coderDecodeEncodeEqual(
        coder, new LabelSums.Amount(TableCol.wholeYear(2022), LabelSums.Kind.EXPENSES, null));
  }

  @Test
  void labelSumsRoundTripEveryLabelAndKind() throws Exception {
    LabelSums sums = new LabelSums();
    sums.add(
        TableCol.month(YearMonth.of(2023, 10)), LabelSums.Kind.EXPENSES, new BigDecimal("1.5"));
    sums.add(TableCol.month(YearMonth.of(2023, 10)), LabelSums.Kind.BASELINE, null);
    sums.add(TableCol.wholeYear(2021), LabelSums.Kind.PLANNED, new BigDecimal("100.00"));
    LabelSums back = CoderUtils.clone(BondCoders.LabelSumsCoder.of(), sums);
    assertEquals(sums.byLabel(), back.byLabel());
  }

  @Test
  void theTypesDefaultToTheirCoders() throws Exception {
    CoderRegistry registry = CoderRegistry.createDefault();
    assertEquals(
        BondCoders.DatedAmountCoder.class, registry.getCoder(DatedAmount.class).getClass());
    assertEquals(
        BondCoders.SummaryCellCoder.class, registry.getCoder(SummaryCell.class).getClass());
    assertEquals(
        BondCoders.AmountCoder.class, registry.getCoder(LabelSums.Amount.class).getClass());
    assertEquals(BondCoders.LabelSumsCoder.class, registry.getCoder(LabelSums.class).getClass());
  }
}
