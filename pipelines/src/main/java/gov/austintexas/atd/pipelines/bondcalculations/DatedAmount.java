package gov.austintexas.atd.pipelines.bondcalculations;

import java.io.Serializable;
import java.math.BigDecimal;
import java.time.LocalDate;
import org.apache.beam.sdk.coders.DefaultCoder;

/** A dated amount of a dashboard id: a baseline, a spend plan or an appropriation row. */
@DefaultCoder(BondCoders.DatedAmountCoder.class)
public record DatedAmount(String dashboardId, LocalDate date, BigDecimal amount)
    implements Serializable {}
