package gov.austintexas.atd.pipelines.bonddata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import gov.austintexas.atd.pipelines.ConfigFiles;
import gov.austintexas.atd.pipelines.UsageException;
import gov.austintexas.atd.pipelines.microstrategytos3.MicrostrategyToS3Options;
import gov.austintexas.atd.pipelines.microstrategytos3.Reports;
import gov.austintexas.atd.transforms.jdbc.JdbcSettings;
import gov.austintexas.atd.transforms.microstrategy.MicroStrategyConfig;
import gov.austintexas.atd.transforms.validation.ColumnSpec;
import gov.austintexas.atd.transforms.validation.ColumnType;
import gov.austintexas.atd.transforms.validation.TableSpec;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.transforms.display.DisplayData;
import org.junit.jupiter.api.Test;

/** The configuration users edit (sources, DDL, reports) and the secrets that must not leak. */
class BondSourcesTest {
  private static BondSources packed() {
    return BondSources.parse(ConfigFiles.packed().text(BondSources.CONFIG), "sources.json");
  }

  @Test
  void thePackedSourcesAreTheSpecsTablesEachWithItsDdl() {
    BondSources sources = packed();
    assertEquals(BondTables.SOURCES, sources.names());
    BondDdl ddl = BondDdl.load();
    sources.names().forEach(ddl::createStatement);

    BondSources.Source raw2020 = sources.get("expenses_obligated_2020_bond_raw");
    assertEquals("2020 Bond Expenses Obligated.csv", raw2020.location());
    assertEquals(
        new TableSpec(
            "expenses_obligated_2020_bond_raw",
            List.of(
                ColumnSpec.of("Fund", "fund", ColumnType.TEXT, true),
                ColumnSpec.of("Department", "department", ColumnType.INT, true),
                ColumnSpec.of("Date", "date", ColumnType.DATE, true),
                ColumnSpec.of("Group", "group", ColumnType.TEXT, true),
                ColumnSpec.of("Fiscal Year", "fiscal_year", ColumnType.INT, true)
                    .greaterThan(new BigDecimal("2000")),
                ColumnSpec.of("Division", "division", ColumnType.TEXT, true),
                ColumnSpec.of("Obligated", "obligated", ColumnType.NUMERIC, false),
                ColumnSpec.of("Expenses", "expenses", ColumnType.NUMERIC, false))),
        raw2020.table());
    assertEquals(
        List.of("Dashboard FundDeptProgAct", "Date", "Appropriation"),
        sources.get("all_bonds_appropriations").table().csvNames());
    assertEquals(
        ColumnSpec.of("Appropriation", "amount", ColumnType.NUMERIC, true).wholeNumbersOnly(),
        sources.get("all_bonds_appropriations").table().columns().get(2));
  }

  @Test
  void locationsResolveByTheirForm() {
    assertEquals(
        "s3://b/reports/All bonds Expenses Obligated.csv",
        BondSources.resolve("All bonds Expenses Obligated.csv", "s3://b/reports/"));
    assertEquals(
        "https://docs.google.com/x?output=csv",
        BondSources.resolve("https://docs.google.com/x?output=csv", null));
    assertEquals("file:/data/x.csv", BondSources.resolve("file:/data/x.csv", null));
    assertEquals("/data/x.csv", BondSources.resolve("/data/x.csv", null));
    assertEquals(
        Path.of("samples/x.csv").toAbsolutePath().toString(),
        BondSources.resolve("./samples/x.csv", null));
    assertEquals(
        "'x.csv' is a key in the reports bucket: give --input=s3://bucket[/prefix]/ (or a"
            + " directory), or set BUCKET",
        assertThrows(UsageException.class, () -> BondSources.resolve("x.csv", null)).getMessage());
  }

  @Test
  void configurationMistakesNameTheSourceAndTheField() {
    String noDateColumn =
        "{\"sources\": {\"t\": {\"location\": \"/x.csv\", \"date_field\": true,"
            + " \"columns\": [{\"csv\": \"A\", \"column\": \"a\", \"type\": \"text\"}]}}}";
    assertEquals(
        "f.json: source 't' has \"date_field\": true, so it needs a column \"date\" of type date"
            + " (and no other date column)",
        assertThrows(UsageException.class, () -> BondSources.parse(noDateColumn, "f.json"))
            .getMessage());
    String badType =
        "{\"sources\": {\"t\": {\"location\": \"/x.csv\", \"date_field\": false,"
            + " \"columns\": [{\"csv\": \"A\", \"column\": \"a\", \"type\": \"float\"}]}}}";
    assertEquals(
        "f.json: source 't', column 'a': \"type\" must be text, int, numeric or date",
        assertThrows(UsageException.class, () -> BondSources.parse(badType, "f.json"))
            .getMessage());
  }

  @Test
  void theReportsAreConfiguredByName() {
    Reports reports = Reports.load();
    assertEquals(
        List.of("2020 Bond Expenses Obligated", "All bonds Expenses Obligated"),
        List.copyOf(reports.names()));
    assertEquals("D6BC5BD13143FF3129F3318F589EBD51", reports.idOf("2020 Bond Expenses Obligated"));
    assertEquals("077C066E6C4BF56B081F96A3E405D83C", reports.idOf("All bonds Expenses Obligated"));
  }

  @Test
  void passwordsStayOutOfSerializedOptionsDisplayDataAndSettings() throws Exception {
    MicrostrategyToS3Options report =
        PipelineOptionsFactory.fromArgs("--mstrPassword=mstr-s3cr3t", "--mstrUser=u")
            .as(MicrostrategyToS3Options.class);
    BondDataOptions bond =
        PipelineOptionsFactory.fromArgs("--dbPassword=pg-s3cr3t").as(BondDataOptions.class);
    ObjectMapper json = new ObjectMapper();
    assertFalse(json.writeValueAsString(report).contains("mstr-s3cr3t"));
    assertFalse(DisplayData.from(report).toString().contains("mstr-s3cr3t"));
    assertFalse(json.writeValueAsString(bond).contains("pg-s3cr3t"));
    assertFalse(DisplayData.from(bond).toString().contains("pg-s3cr3t"));
    assertEquals(
        "MicroStrategyConfig[baseUrl=https://h/MicroStrategyLibrary, username=u, password=****,"
            + " projectId=P, requestTimeout=PT2M, maxRetries=5]",
        new MicroStrategyConfig(
                "https://h/MicroStrategyLibrary/api/",
                "u",
                "mstr-s3cr3t",
                "P",
                Duration.ofMinutes(2),
                5,
                Duration.ofMillis(500))
            .toString());
    assertEquals(
        "JdbcSettings[url=jdbc:postgresql://h/db, user=u, password=****]",
        new JdbcSettings("jdbc:postgresql://h/db", "u", "pg-s3cr3t").toString());
  }
}
