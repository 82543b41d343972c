package gov.austintexas.atd.pipelines.bonddata;

import static org.junit.jupiter.api.Assertions.assertEquals;

import gov.austintexas.atd.pipelines.Launcher;
import gov.austintexas.atd.testing.PostgresSchema;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** bond-data on an embedded Flink cluster: the same load, and the run's report comes back. */
class BondDataFlinkTest {
  @RegisterExtension static final PostgresSchema postgres = new PostgresSchema();

  @Test
  void loadsAndReportsOnFlink(@TempDir Path directory) throws Exception {
    String source = "bond_2020_baseline_spend";
    Path good = directory.resolve("baseline.csv");
    Files.writeString(good, BondTables.sample(source));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();

    int exit =
        new Launcher(
                Map.of(),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8))
            .run(
                "bond-data",
                "--source=" + source,
                "--sourcesFile="
                    + BondTables.sourcesFile(directory, Map.of(source, good.toString())),
                "--jdbcUrl=" + postgres.jdbcUrl(),
                "--dbUser=" + PostgresSchema.user(),
                "--runner=FlinkRunner",
                "--flinkMaster=[local]",
                "--parallelism=2",
                "--reportDir=" + directory.resolve("reports"));

    assertEquals(0, exit, err.toString(StandardCharsets.UTF_8));
    assertEquals(
        source + ": 3 rows loaded from " + good,
        out.toString(StandardCharsets.UTF_8)
            .lines()
            .filter(line -> line.startsWith(source))
            .findFirst()
            .orElse(""));
    assertEquals(BondTables.expectedSampleTables().get(source), BondTables.rows(postgres, source));
    assertEquals(List.of(), BondTables.stagingTables(postgres));
  }
}
