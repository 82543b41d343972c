package gov.austintexas.atd.transforms.secrets;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Every URL form that can carry a password comes out masked; the rest of the text stays. */
class SecretMaskTest {
  @Test
  void oracleUserSlashPasswordIsMasked() {
    assertEquals(
        "jdbc:oracle:thin:scott/****@//db.example:1521/SVC",
        SecretMask.inText("jdbc:oracle:thin:scott/tiger@//db.example:1521/SVC"));
  }

  @Test
  void userInfoIsMasked() {
    assertEquals(
        "https://etl:****@host/path and jdbc:postgresql://etl:****@db/x",
        SecretMask.inText("https://etl:s3cret@host/path and jdbc:postgresql://etl:pw@db/x"));
  }

  @Test
  void secretParametersAreMaskedWhateverTheirSeparator() {
    assertEquals(
        "jdbc:postgresql://db/x?user=etl&password=****&ssl=true;"
            + " jdbc:h2:mem:x;PASSWORD=****;MODE=x",
        SecretMask.inText(
            "jdbc:postgresql://db/x?user=etl&password=pw&ssl=true;"
                + " jdbc:h2:mem:x;PASSWORD=pw;MODE=x"));
    assertEquals(
        "https://h/s.csv?api_key=****&token=**** --knackApiKey=****",
        SecretMask.inText("https://h/s.csv?api_key=k1&token=t1 --knackApiKey=k2"));
  }

  @Test
  void textWithoutSecretsIsUnchanged() {
    String text =
        "GET /v1/objects/object_7/records got no complete answer within 3000 ms;"
            + " http://127.0.0.1:8080/v1";
    assertEquals(text, SecretMask.inText(text));
    assertEquals("password=****", SecretMask.inText("password=****"));
  }
}
