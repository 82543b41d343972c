package gov.austintexas.atd.pipelines.financetos3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import gov.austintexas.atd.pipelines.Expected;
import gov.austintexas.atd.pipelines.RunnableJar;
import gov.austintexas.atd.testing.HoldingProxy;
import gov.austintexas.atd.testing.PostgresSchema;
import gov.austintexas.atd.testing.S3MockServer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.model.MultipartUpload;

/**
 * finance-to-s3's jar killed (SIGKILL) at three points of its file publish on S3Mock, each chosen
 * by a proxy in front of S3Mock that holds one request, so the kill lands exactly there: while the
 * staged part's upload completes, while the part is copied onto the target, and after the copy
 * while the part is deleted. The target is the old file or the new one, never anything else, and
 * the next run writes the new file and removes what the killed runs left.
 */
class FinanceToS3KillIT {
  private static final String OLD =
      "[\n{\"DEPT_UNIT_ID\":\"yesterday\"},\n{\"DEPT_UNIT_ID\":\"yesterday too\"}\n]\n";

  @RegisterExtension static final PostgresSchema finance = new PostgresSchema();
  @RegisterExtension static final S3MockServer s3 = new S3MockServer();

  @TempDir Path dir;

  @BeforeAll
  static void loadDatabase() throws Exception {
    finance.execute(Expected.sampleFinanceDataInOneSchema());
  }

  @Test
  void aKilledPublishLeavesTheOldFileOrTheNewAndTheNextRunConvergesAndRemovesTheLeftovers()
      throws Exception {
    s3.put("kill/units.json", OLD);
    String bucket = "/" + s3.bucket() + "/kill/";
    String newFile = Expected.financeFile("units");

    // 1. The part is written and its upload is being completed.
    killWhenHeld(
        head ->
            head.startsWith("POST " + bucket + ".units.json.staging-")
                && head.contains("uploadId="));
    assertEquals(OLD, s3.get("kill/units.json"), "killed completing the part: the old file");

    // 2. The part is complete and being copied onto the target.
    killWhenHeld(
        head ->
            head.startsWith("PUT " + bucket + "units.json ")
                && head.toLowerCase().contains("x-amz-copy-source"));
    assertEquals(OLD, s3.get("kill/units.json"), "killed copying the part: the old file");

    // 3. The copy is done and the part is being deleted.
    boolean[] copied = {false};
    killWhenHeld(
        head -> {
          copied[0] |= head.startsWith("PUT " + bucket + "units.json ");
          return copied[0] && head.startsWith("POST /" + s3.bucket() + "?delete");
        });
    assertEquals(newFile, s3.get("kill/units.json"), "killed after the copy: the new file");
    List<String> parts = stagingKeys();
    assertEquals(1, parts.size(), "the last killed run left its part: " + parts);

    Process next = financeToS3(s3.endpoint());
    assertTrue(next.waitFor(3, TimeUnit.MINUTES), "the next run did not finish");
    assertEquals(
        0, next.exitValue(), Files.readString(dir.resolve("err.txt"), StandardCharsets.UTF_8));
    assertEquals(newFile, s3.get("kill/units.json"));
    assertEquals(List.of(), stagingKeys());
    assertEquals(
        List.of(),
        s3
            .client()
            .listMultipartUploads(b -> b.bucket(s3.bucket()).prefix("kill/"))
            .uploads()
            .stream()
            .map(MultipartUpload::key)
            .filter(key -> !key.startsWith("kill/reports/"))
            .toList(),
        "no upload left");
    String reportKey =
        s3.keys().stream().filter(key -> key.startsWith("kill/reports/")).findFirst().orElseThrow();
    JsonNode report = new ObjectMapper().readTree(s3.get(reportKey));
    assertEquals("[\"" + s3.bucketUrl() + parts.get(0) + "\"]", report.get("removed").toString());
  }

  /**
   * Runs the jar through a proxy that holds the first request passing {@code hold}, and kills it
   * there.
   */
  private void killWhenHeld(Predicate<String> hold) throws Exception {
    try (HoldingProxy proxy = new HoldingProxy(URI.create(s3.endpoint()).getPort(), hold)) {
      Process jar = financeToS3(proxy.endpoint());
      try {
        proxy.awaitHeld(3, TimeUnit.MINUTES);
      } finally {
        jar.destroyForcibly(); // SIGKILL
        jar.waitFor(1, TimeUnit.MINUTES);
      }
    }
  }

  private Process financeToS3(String endpoint) throws Exception {
    List<String> command =
        new ArrayList<>(
            RunnableJar.command(
                "finance-to-s3",
                "--recordType=units",
                "--jdbcUrl=" + finance.jdbcUrl(),
                "--dbUser=" + PostgresSchema.user(),
                "--output=" + s3.bucketUrl() + "kill/"));
    for (String arg : s3.pipelineArgs()) {
      command.add(arg.startsWith("--endpoint=") ? "--endpoint=" + endpoint : arg);
    }
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .redirectOutput(dir.resolve("out.txt").toFile())
            .redirectError(dir.resolve("err.txt").toFile());
    builder.environment().remove("BUCKET");
    return builder.start();
  }

  private static List<String> stagingKeys() {
    return s3.keys().stream().filter(key -> key.startsWith("kill/.units.json.staging-")).toList();
  }
}
