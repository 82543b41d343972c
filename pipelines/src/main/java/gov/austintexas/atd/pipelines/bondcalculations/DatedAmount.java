package gov.austintexas.atd.pipelines.bondcalculations;

import java.io.Serializable;
import java.math.BigDecimal;
import java.time.LocalDate;
import org.apache.beam.sdk.coders.DefaultCoder;
import org.apache.beam.sdk.coders.SerializableCoder;

/** A dated amount of a dashboard id: a baseline, a spend plan or an appropriation row. */
@DefaultCoder(SerializableCoder.class)
public record DatedAmount(String dashboardId, LocalDate date, BigDecimal amount)
    implements Serializable {}
