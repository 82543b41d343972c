package gov.austintexas.atd.transforms.microstrategy;

/** What a report instance call answers: the instance, the report's row count and one page. */
public record InstancePage(String instanceId, long total, ReportPage page) {}
