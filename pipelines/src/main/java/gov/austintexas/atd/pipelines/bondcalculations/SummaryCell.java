package gov.austintexas.atd.pipelines.bondcalculations;

import java.io.Serializable;
import java.math.BigDecimal;
import org.apache.beam.sdk.coders.DefaultCoder;

/** A row of a summary table before its running totals; an amount is {@code null} when empty. */
@DefaultCoder(BondCoders.SummaryCellCoder.class)
public record SummaryCell(
    String tableCol,
    String dashboardId,
    BigDecimal expenses,
    BigDecimal baseline,
    BigDecimal planned)
    implements Serializable {}
