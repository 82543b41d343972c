package gov.austintexas.atd.pipelines.validateconfig;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import gov.austintexas.atd.pipelines.ConfigDirOptions;
import gov.austintexas.atd.pipelines.ConfigFiles;
import gov.austintexas.atd.pipelines.Launcher;
import gov.austintexas.atd.pipelines.s3toknack.FieldMaps;
import gov.austintexas.atd.pipelines.s3toknack.KnackMapping;
import gov.austintexas.atd.transforms.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code validate-config}, and {@code --configDir}/{@code ATD_CONFIG_DIR} taking over packed files
 * in a pipeline: a new record type and a new Knack field, with no rebuild.
 */
class ValidateConfigTest {
  private static final List<String> PACKED_FILES =
      List.of(
          "finance/record-types.json",
          "finance/sql/fdus.sql",
          "finance/sql/master_agreements.sql",
          "finance/sql/objects.sql",
          "finance/sql/subprojects.sql",
          "finance/sql/task_orders.sql",
          "finance/sql/units.sql",
          "finance/knack-field-maps.json",
          "bond/reports.json",
          "bond/sources.json",
          "bond/ddl.sql",
          "bond/calculations/expenses_obligated_2020_bond_raw.sql",
          "bond/calculations/expenses_obligated_all_bonds_raw.sql",
          "bond/calculations/bond_2020_baseline_spend.sql",
          "bond/calculations/bond_2020_current_fy_spend_plan.sql",
          "bond/calculations/bond_2020_previous_fy_spend_plan.sql",
          "bond/calculations/all_bonds_appropriations.sql",
          "bond/calculations/bond_2020_aims_to_dashboard.sql",
          "bond/calculations/all_bonds_program_names.sql",
          "bond/calculations/all_bonds_aims_to_dashboard.sql");

  @TempDir Path dir;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int launch(Map<String, String> environment, String... args) {
    return new Launcher(
            environment,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8))
        .run(args);
  }

  private List<String> outLines() {
    return out.toString(StandardCharsets.UTF_8).lines().toList();
  }

  private Path write(String file, String text) throws Exception {
    Path path = dir.resolve(file);
    Files.createDirectories(path.getParent());
    return Files.writeString(path, text);
  }

  @Test
  void thePackedFilesAreEveryOneValid() {
    assertEquals(0, launch(Map.of(), "validate-config"), err.toString(StandardCharsets.UTF_8));
    assertEquals(
        PACKED_FILES.stream().map(file -> "ok     " + file + " (packed)").toList(), outLines());
    assertEquals("", err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void eachBrokenFileIsOneLineNamingItAndTheProblemAndTheRunIsExit2() throws Exception {
    ObjectNode maps =
        (ObjectNode)
            Json.MAPPER.readTree(ConfigFiles.packed().text("finance/knack-field-maps.json"));
    ((ObjectNode) maps.path("record_types").path("units").path("fields").get(0))
        .put("handler", "money");
    Path fieldMaps = write("finance/knack-field-maps.json", maps.toString());
    Path query = write("finance/sql/task_orders.sql", "SELECT 1; SELECT 2");
    Path reports =
        write("bond/reports.json", "{\"reports\": {\"A\": \"D6BC5BD13143FF3129F3318F589EBD51\",}}");
    Path ddl =
        write(
            "bond/ddl.sql",
            "CREATE TABLE IF NOT EXISTS expenses_obligated_2020_bond_raw (fund text);");
    Path misspelt = write("bond/calculation/expenses_obligated_2020_bond_raw.sql", "SELECT 1");

    assertEquals(2, launch(Map.of(), "validate-config", "--configDir=" + dir));

    List<String> lines = outLines();
    assertEquals(PACKED_FILES.size() + 1, lines.size());
    assertEquals(
        "error  finance/sql/task_orders.sql (" + query + "): must hold exactly one query, not 2",
        lines.get(5));
    assertEquals(
        "error  finance/knack-field-maps.json ("
            + fieldMaps
            + "): /record_types/units/fields/0/handler: does not have a value in the enumeration"
            + " [\"pad_angle_brackets\", \"currency\", \"sorted_list\", \"to_string\","
            + " \"knack_now\"]",
        lines.get(7));
    assertEquals(
        "error  bond/reports.json ("
            + reports
            + "): not valid JSON at line 1, column 54: Unexpected character"
            + " ('}' (code 125)): was expecting double-quote to start field name",
        lines.get(8));
    assertEquals(
        "error  bond/ddl.sql ("
            + ddl
            + "): has no CREATE TABLE IF NOT EXISTS expenses_obligated_all_bonds_raw"
            + " for the source of that name",
        lines.get(10));
    assertEquals(
        "error  bond/calculation/expenses_obligated_2020_bond_raw.sql ("
            + misspelt
            + "): no pipeline reads this"
            + " file (is its name or folder misspelt?)",
        lines.get(PACKED_FILES.size()));
    assertEquals("ok     bond/sources.json (packed)", lines.get(9));
    assertEquals(16, lines.stream().filter(line -> line.startsWith("ok     ")).count());
    assertEquals(
        "error: validate-config: 5 of 21 configuration files are broken\n",
        err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void aFolderThatIsNotThereIsAUsageErrorNamingWhereItCameFrom() {
    assertEquals(
        2, launch(Map.of("ATD_CONFIG_DIR", dir.resolve("nope").toString()), "validate-config"));
    assertEquals(
        "error: validate-config: ATD_CONFIG_DIR names "
            + dir.resolve("nope")
            + ", which is not a folder\n",
        err.toString(StandardCharsets.UTF_8));
    assertEquals("", out.toString(StandardCharsets.UTF_8));
  }

  @Test
  void aRecordTypeAddedInTheFolderIsOneAPipelineKnowsWithoutARebuild() throws Exception {
    ObjectNode types =
        (ObjectNode) Json.MAPPER.readTree(ConfigFiles.packed().text("finance/record-types.json"));
    ((ObjectNode) types.path("record_types")).putObject("vendors").put("query", "sql/vendors.sql");
    write("finance/record-types.json", types.toString());
    write("finance/sql/vendors.sql", "SELECT vendor_code FROM vendors");

    // The variable, as a scheduler's environment file would set it; the record type list comes from
    // the folder.
    assertEquals(
        2, launch(Map.of("ATD_CONFIG_DIR", dir.toString()), "finance-to-s3", "--recordType=nope"));
    assertEquals(
        "error: finance-to-s3: unknown record type 'nope'; configured: task_orders, units, objects,"
            + " master_agreements, fdus, subprojects, vendors\n",
        err.toString(StandardCharsets.UTF_8));

    err.reset();
    // The option wins over the variable: an empty folder leaves the packed files.
    Path empty = Files.createDirectories(dir.resolve("empty"));
    assertEquals(
        2,
        launch(
            Map.of("ATD_CONFIG_DIR", dir.toString()),
            "finance-to-s3",
            "--recordType=nope",
            "--configDir=" + empty));
    assertEquals(
        "error: finance-to-s3: unknown record type 'nope'; configured: task_orders, units, objects,"
            + " master_agreements, fdus, subprojects\n",
        err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void aKnackFieldAddedInTheFolderIsMappedWithoutARebuild() throws Exception {
    ObjectNode maps =
        (ObjectNode)
            Json.MAPPER.readTree(ConfigFiles.packed().text("finance/knack-field-maps.json"));
    ArrayNode fields = (ArrayNode) maps.path("record_types").path("units").path("fields");
    fields.addObject().put("src", "DEPT_UNIT_MANAGER").put("finance-purchasing", "field_4321");
    write("finance/knack-field-maps.json", maps.toString());

    assertEquals(
        0,
        launch(Map.of(), "validate-config", "--configDir=" + dir),
        out.toString(StandardCharsets.UTF_8));
    ConfigDirOptions options =
        PipelineOptionsFactory.fromArgs("--configDir=" + dir).as(ConfigDirOptions.class);
    KnackMapping units =
        FieldMaps.load(ConfigFiles.of(options, Map.of())).mapping("units", "finance-purchasing");
    assertEquals("field_4321", units.fields().get(units.fields().size() - 1).knackField());
  }
}
