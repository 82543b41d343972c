package gov.austintexas.atd.pipelines;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.node.ObjectNode;
import gov.austintexas.atd.pipelines.bonddata.BondDataOptions;
import gov.austintexas.atd.pipelines.financetos3.FinanceToS3Options;
import gov.austintexas.atd.pipelines.microstrategytos3.MicrostrategyToS3Options;
import gov.austintexas.atd.pipelines.s3toknack.S3ToKnackOptions;
import gov.austintexas.atd.pipelines.s3tosocrata.S3ToSocrataOptions;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.jupiter.api.Test;

/** No secret given on the command line reaches a run report. */
class MaskedOptionsTest {
  private static final String AWS_CREDENTIALS =
      "--awsCredentialsProvider={\"@type\":\"StaticCredentialsProvider\",\"accessKeyId\":\"AKIA-ID-1\",\"secretAccessKey\":\"aws-Secret-1\"}";

  private static ObjectNode masked(Class<? extends PipelineOptions> type, String... args) {
    ObjectNode options = MaskedOptions.of(PipelineOptionsFactory.fromArgs(args).as(type));
    for (String arg : args) {
      String value = arg.substring(arg.indexOf('=') + 1);
      if (value.contains("Secret") || value.contains("secret-")) {
        assertFalse(options.toString().contains(value), value + " is in " + options);
      }
    }
    assertFalse(options.toString().contains("aws-Secret-1"), options.toString());
    return options;
  }

  @Test
  void socrataTokenAndPasswordAndAwsKeysAreMasked() {
    ObjectNode options =
        masked(
            S3ToSocrataOptions.class,
            "--socrataAppToken=secret-token-1",
            "--socrataPassword=secret-pass-1",
            "--socrataUser=key-id-user",
            "--socrataHost=data.example.gov",
            AWS_CREDENTIALS);
    assertEquals("****", options.get("socrataAppToken").asText());
    assertEquals("****", options.get("socrataPassword").asText());
    assertEquals("key-id-user", options.get("socrataUser").asText());
    assertEquals("data.example.gov", options.get("socrataHost").asText());
    assertEquals(
        "{\"@type\":\"StaticCredentialsProvider\",\"accessKeyId\":\"****\",\"secretAccessKey\":\"****\"}",
        options.get("awsCredentialsProvider").toString());
  }

  @Test
  void knackApiKeyIsMasked() {
    ObjectNode options =
        masked(
            S3ToKnackOptions.class,
            "--recordType=units",
            "--app=data-tracker",
            "--knackAppId=app-1",
            "--knackApiKey=secret-knack-key");
    assertEquals("****", options.get("knackApiKey").asText());
    assertEquals("app-1", options.get("knackAppId").asText());
  }

  @Test
  void databasePasswordsAreMaskedAlsoInsideAJdbcUrl() {
    ObjectNode finance =
        masked(
            FinanceToS3Options.class,
            "--recordType=units",
            "--dbPassword=secret-db-1",
            "--jdbcUrl=jdbc:postgresql://db:5432/x?user=etl&password=secret-in-url&ssl=true");
    assertEquals("****", finance.get("dbPassword").asText());
    assertEquals(
        "jdbc:postgresql://db:5432/x?user=etl&password=****&ssl=true",
        finance.get("jdbcUrl").asText());

    ObjectNode bond =
        masked(
            BondDataOptions.class,
            "--dbPassword=secret-db-2",
            "--jdbcUrl=jdbc:postgresql://etl:secret-userinfo@db:5432/bond");
    assertEquals("****", bond.get("dbPassword").asText());
    assertEquals("jdbc:postgresql://etl:****@db:5432/bond", bond.get("jdbcUrl").asText());
  }

  @Test
  void microStrategyPasswordIsMasked() {
    ObjectNode options =
        masked(
            MicrostrategyToS3Options.class,
            "--reportName=r",
            "--mstrUser=me",
            "--mstrPassword=secret-mstr");
    assertEquals("****", options.get("mstrPassword").asText());
    assertEquals("me", options.get("mstrUser").asText());
  }

  @Test
  void aSecretNotGivenIsNotMentioned() {
    ObjectNode options = masked(S3ToKnackOptions.class, "--recordType=units", "--app=data-tracker");
    assertFalse(options.has("knackApiKey"), options.toString());
  }
}
