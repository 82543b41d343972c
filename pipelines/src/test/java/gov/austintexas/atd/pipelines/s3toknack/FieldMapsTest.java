package gov.austintexas.atd.pipelines.s3toknack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import gov.austintexas.atd.pipelines.UsageException;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The field maps load and are checked before any I/O. */
class FieldMapsTest {

  private static String config(String fields) {
    return "{\"apps\":[\"a1\",\"a2\"],\"record_types\":{\"things\":{\"objects\":{\"a1\":\"object_1\"},\"fields\":["
        + fields
        + "]}}}";
  }

  private static String error(String fields) {
    return assertThrows(UsageException.class, () -> FieldMaps.parse(config(fields), "maps.json"))
        .getMessage();
  }

  @Test
  void theProjectsMapsCoverEveryRecordTypeAndApp() {
    FieldMaps maps = FieldMaps.load();
    assertEquals(
        List.of(
            "task_orders→data-tracker",
            "task_orders→finance-purchasing",
            "units→data-tracker",
            "units→finance-purchasing",
            "subprojects→finance-purchasing",
            "objects→finance-purchasing",
            "master_agreements→finance-purchasing"),
        maps.all().stream().map(m -> m.recordType() + "→" + m.app()).toList());
    KnackMapping taskOrders = maps.mapping("task_orders", "data-tracker");
    assertEquals("object_86", taskOrders.object());
    assertEquals("field_1277", taskOrders.primaryKey().knackField());
    assertEquals(List.of("BYR_FDU"), taskOrders.coalesce());
    assertEquals(
        Set.of(
            "field_1276",
            "field_1277",
            "field_2632",
            "field_3810",
            "field_3580",
            "field_3684",
            "field_3685",
            "field_3686",
            "field_4495",
            "field_3807"),
        taskOrders.comparedFields());
  }

  @Test
  void noPrimaryKeyIsAnError() {
    assertEquals(
        "maps.json, things → a1: needs exactly one primary_key field, has 0",
        error("{\"src\":\"A\",\"a1\":\"field_1\"}"));
  }

  @Test
  void twoPrimaryKeysAreAnError() {
    assertEquals(
        "maps.json, things → a1: needs exactly one primary_key field, has 2",
        error(
            "{\"src\":\"A\",\"a1\":\"field_1\",\"primary_key\":true},{\"src\":\"B\",\"a1\":\"field_2\",\"primary_key\":true}"));
  }

  @Test
  void anUnknownHandlerIsAnError() {
    assertEquals(
        "maps.json, things → a1: unknown handler 'to_upper' on field_2",
        error(
            "{\"src\":\"A\",\"a1\":\"field_1\",\"primary_key\":true},{\"src\":\"B\",\"a1\":\"field_2\",\"handler\":\"to_upper\"}"));
  }

  @Test
  void aFieldForAnAppWithNoObjectIsAnError() {
    assertEquals(
        "maps.json, things → a2: fields name the app but \"objects\" has no object for it",
        error("{\"src\":\"A\",\"a1\":\"field_1\",\"a2\":\"field_9\",\"primary_key\":true}"));
  }

  @Test
  void anAppWithNoFieldsForTheTypeIsAnErrorWhenAskedFor() {
    FieldMaps maps =
        FieldMaps.parse(
            config("{\"src\":\"A\",\"a1\":\"field_1\",\"primary_key\":true}"), "maps.json");
    assertEquals(
        "record type 'things' is not configured for app 'a2'; it goes to: a1",
        assertThrows(UsageException.class, () -> maps.mapping("things", "a2")).getMessage());
    assertEquals(
        "record type 'widgets' has no Knack field map; configured: things",
        assertThrows(UsageException.class, () -> maps.mapping("widgets", "a1")).getMessage());
  }

  @Test
  void knackNowIsNeverCompared() {
    FieldMaps maps =
        FieldMaps.parse(
            config(
                "{\"src\":\"A\",\"a1\":\"field_1\",\"primary_key\":true},{\"src\":null,\"a1\":\"field_2\",\"handler\":\"knack_now\"}"),
            "maps.json");
    assertEquals(Set.of("field_1"), maps.mapping("things", "a1").comparedFields());
  }
}
