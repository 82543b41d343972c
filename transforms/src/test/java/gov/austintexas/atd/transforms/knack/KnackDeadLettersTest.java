package gov.austintexas.atd.transforms.knack;

import static org.junit.jupiter.api.Assertions.assertEquals;

import gov.austintexas.atd.transforms.failure.Failure;
import gov.austintexas.atd.transforms.json.Json;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class KnackDeadLettersTest {

  @Test
  void anUpdateKeepsItsIdRecordAndExactDecimals() {
    KnackWrite update =
        KnackWrite.update(
            "1027",
            "5f3a00000001",
            Json.MAPPER
                .createObjectNode()
                .put("field_902", 1027)
                .put("field_905", new BigDecimal("12.50")),
            null);
    Failure failure = KnackDeadLetters.of(update, "field_902", "HTTP 404 Record not found");

    assertEquals(
        new Failure(
            "update",
            "5f3a00000001",
            0,
            "field_902",
            "1027",
            "HTTP 404 Record not found",
            "{\"field_902\":1027,\"field_905\":12.50}",
            false),
        failure);
    assertEquals(
        "{\"key\":\"1027\",\"action\":\"update\",\"id\":\"5f3a00000001\",\"record\":{\"field_902\":1027,\"field_905\":12.50},\"error\":\"HTTP"
            + " 404 Record not found\"}",
        KnackDeadLetters.toJson(failure));
  }

  @Test
  void aCreateHasANullIdAndARemovedDuplicateNoRecord() {
    KnackWrite create =
        KnackWrite.create("K3", Json.MAPPER.createObjectNode().put("field_1", "K3"));
    assertEquals(
        "{\"key\":\"K3\",\"action\":\"create\",\"id\":null,\"record\":{\"field_1\":\"K3\"},\"error\":\"refused\"}",
        KnackDeadLetters.toJson(KnackDeadLetters.of(create, "field_1", "refused")));
    assertEquals(
        "{\"key\":\"K3\",\"action\":\"remove duplicate\",\"id\":\"b2\",\"error\":\"an overlapping"
            + " run created record a1 first\"}",
        KnackDeadLetters.toJson(
            KnackDeadLetters.removeDuplicate(
                "field_1", "K3", "b2", "an overlapping run created record a1 first")));
  }
}
