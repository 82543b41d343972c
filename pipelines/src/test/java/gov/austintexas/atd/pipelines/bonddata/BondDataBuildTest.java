package gov.austintexas.atd.pipelines.bonddata;

import static org.junit.jupiter.api.Assertions.assertEquals;

import gov.austintexas.atd.pipelines.ConfigFiles;
import gov.austintexas.atd.pipelines.GraphNames;
import gov.austintexas.atd.transforms.jdbc.JdbcSettings;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.jupiter.api.Test;

/** The graph is built from the config alone, without running or touching a source or database. */
class BondDataBuildTest {

  @Test
  void oneNamedLoadPerSourceThenTheirReportsTogether() {
    ConfigFiles files = ConfigFiles.packed();
    BondDdl ddl = BondDdl.load(files);
    BondSources sources = BondSources.parse(files.text(BondSources.CONFIG), "sources.json");
    List<BondDataConfig.Load> loads =
        sources.names().stream()
            .map(sources::get)
            .map(
                source ->
                    new BondDataConfig.Load(
                        source.name(),
                        source.table(),
                        "/in/" + source.name() + ".csv",
                        ddl.createStatement(source.name())))
            .toList();
    BondDataConfig config =
        new BondDataConfig(
            loads,
            new JdbcSettings("jdbc:postgresql://127.0.0.1:9/none", "u", "p"),
            Duration.ofSeconds(5),
            LocalDateTime.of(2026, 1, 2, 3, 4));
    Pipeline pipeline = Pipeline.create(PipelineOptionsFactory.create());

    BondData.build(pipeline, config);

    List<String> expected = new ArrayList<>(loads.stream().map(BondDataConfig.Load::name).toList());
    expected.add("All source reports");
    assertEquals(expected, GraphNames.topLevel(pipeline));
    assertEquals(
        BondTables.SOURCES.stream().sorted().toList(),
        loads.stream().map(BondDataConfig.Load::name).sorted().toList());
  }
}
