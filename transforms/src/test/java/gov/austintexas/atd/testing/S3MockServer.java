package gov.austintexas.atd.testing;

import gov.austintexas.atd.transforms.s3.S3AccessOptions;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.options.PipelineOptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * A real S3-compatible server for tests: Adobe S3Mock's runnable jar, started as a child process on
 * free ports, with one fresh bucket per test class.
 *
 * <pre>
 * {@literal @}RegisterExtension static final S3MockServer s3 = new S3MockServer();
 * </pre>
 *
 * <p>Under JUnit, one server serves every test class of the test JVM (each start of its Spring Boot
 * application cost about 13 CPU s here): the first class starts it, each class creates a bucket of
 * its own named after it, and the server is stopped when the JVM's tests are done, and by a JVM
 * shutdown hook should the JVM be ended early. The server's JVM runs with the client compiler only
 * and the serial collector, which start it in about 5 CPU s and are ample for test traffic. Outside
 * JUnit (benchmarks), {@link #start} starts a server of its own with the JVM's defaults and {@link
 * #stop} stops it. Maven puts the jar at the path in the system property {@code s3mock.jar} (see
 * the parent POM).
 */
public class S3MockServer implements BeforeAllCallback, AfterAllCallback {
  private static final String ACCESS_KEY = "test-access-key";
  private static final String SECRET_KEY = "test-secret-key";
  private static final ExtensionContext.Namespace SHARED =
      ExtensionContext.Namespace.create(S3MockServer.class);

  /** The server this instance uses: shared by the test JVM's classes, or its own (benchmarks). */
  private Server server;

  private boolean ownsServer;
  private String bucket;

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    server =
        context
            .getRoot()
            .getStore(SHARED)
            .getOrComputeIfAbsent(Server.class, type -> Server.startForTests(), Server.class);
    ownsServer = false;
    bucket = bucketName(context.getRequiredTestClass().getSimpleName());
    server.client.createBucket(b -> b.bucket(bucket));
  }

  @Override
  public void afterAll(ExtensionContext context) {
    // The bucket stays until the shared server stops (its store is a temporary directory).
    server = null;
  }

  /**
   * Starts a server of its own and creates the bucket; for use outside JUnit (benchmarks), with the
   * JVM's default compilers and collector so that S3Mock keeps up with large writes.
   */
  public void start(String owner) throws Exception {
    bucket = bucketName(owner);
    server = Server.start(List.of(), bucket);
    ownsServer = true;
  }

  public void stop() {
    if (server != null && ownsServer) {
      server.close();
    }
    server = null;
  }

  private static String bucketName(String owner) {
    return owner.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "")
        + "-"
        + UUID.randomUUID().toString().substring(0, 8);
  }

  /** One S3Mock process, its temporary store and a client for the tests' own calls. */
  private static final class Server implements ExtensionContext.Store.CloseableResource {
    private static final int START_LIMIT_SECONDS = 300;

    private final Process process;
    private final Thread shutdownHook;
    private final Path root;
    private final Path log;
    private final int port;
    private final S3Client client;

    static Server startForTests() {
      try {
        return start(List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"), null);
      } catch (Exception e) {
        throw new IllegalStateException("S3Mock could not be started: " + e.getMessage(), e);
      }
    }

    /** Starts the server, with {@code initialBucket} (if not null) created when it is ready. */
    static Server start(List<String> jvmOptions, String initialBucket) throws Exception {
      String jar = System.getProperty("s3mock.jar");
      if (jar == null || !new File(jar).isFile()) {
        throw new IllegalStateException(
            "S3Mock's jar is missing (system property s3mock.jar = "
                + jar
                + "); run the tests through ./mvnw");
      }
      return new Server(jar, jvmOptions, initialBucket);
    }

    private Server(String jar, List<String> jvmOptions, String initialBucket) throws Exception {
      root = Files.createTempDirectory("s3mock-");
      log = root.resolve("s3mock.log");
      port = freePort();
      List<String> command = new ArrayList<>();
      command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      command.add("-Xmx512m");
      command.addAll(jvmOptions);
      command.add("-jar");
      command.add(jar);
      command.add("--http.port=" + port);
      command.add("--server.port=" + freePort());
      command.add("--vectors.http.port=" + freePort());
      command.add("--vectors.https.port=" + freePort());
      command.add("--com.adobe.testing.s3mock.store.root=" + root.resolve("store"));
      if (initialBucket != null) {
        command.add("--com.adobe.testing.s3mock.store.initial-buckets=" + initialBucket);
      }
      process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      shutdownHook = new Thread(process::destroyForcibly);
      Runtime.getRuntime().addShutdownHook(shutdownHook);
      awaitReady(initialBucket);
      client =
          S3Client.builder()
              .endpointOverride(URI.create(endpoint(port)))
              .region(Region.US_EAST_1)
              .forcePathStyle(true)
              .credentialsProvider(
                  StaticCredentialsProvider.create(
                      AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
              .build();
    }

    @Override
    public void close() {
      if (client != null) {
        client.close();
      }
      stopProcess();
      deleteTree(root);
    }

    private void stopProcess() {
      process.destroy();
      try {
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
          process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
      } catch (InterruptedException e) {
        process.destroyForcibly();
        Thread.currentThread().interrupt();
      }
      try {
        Runtime.getRuntime().removeShutdownHook(shutdownHook);
      } catch (IllegalStateException alreadyShuttingDown) {
        // The hook runs anyway.
      }
    }

    /** Until ListBuckets answers 200 (naming {@code bucket}, if given). */
    private void awaitReady(String bucket) throws Exception {
      HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
      HttpRequest listBuckets =
          HttpRequest.newBuilder(URI.create(endpoint(port) + "/"))
              .timeout(Duration.ofSeconds(2))
              .build();
      // Generous: a Spring Boot start takes 5 s on an idle machine and minutes on a saturated one.
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(START_LIMIT_SECONDS);
      while (System.nanoTime() < deadline) {
        if (!process.isAlive()) {
          throw new IllegalStateException(
              "S3Mock exited with " + process.exitValue() + ":\n" + logTail());
        }
        try {
          HttpResponse<String> response =
              http.send(listBuckets, HttpResponse.BodyHandlers.ofString());
          if (response.statusCode() == 200
              && (bucket == null || response.body().contains(bucket))) {
            return;
          }
        } catch (IOException notYet) {
          // Still starting.
        }
        Thread.sleep(200);
      }
      String tail = logTail(); // before the store, which holds the log, is deleted
      stopProcess();
      deleteTree(root);
      throw new IllegalStateException(
          "S3Mock did not start within " + START_LIMIT_SECONDS + " s:\n" + tail);
    }

    private String logTail() {
      try {
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
      } catch (IOException e) {
        return "(no log: " + e.getMessage() + ")";
      }
    }
  }

  private static String endpoint(int port) {
    return "http://127.0.0.1:" + port;
  }

  public String endpoint() {
    return endpoint(server.port);
  }

  public String bucket() {
    return bucket;
  }

  /** {@code s3://bucket/} */
  public String bucketUrl() {
    return "s3://" + bucket + "/";
  }

  /** The Beam options that point the S3 filesystem at this server. */
  public List<String> pipelineArgs() {
    return List.of(
        "--awsRegion=us-east-1",
        "--endpoint=" + endpoint(),
        "--s3PathStyleAccess=true",
        "--awsCredentialsProvider={\"@type\":\"StaticCredentialsProvider\",\"accessKeyId\":\""
            + ACCESS_KEY
            + "\",\"secretAccessKey\":\""
            + SECRET_KEY
            + "\"}",
        // S3Mock caps request bodies at 10 MB; Beam's default part is 64 MiB.
        "--s3UploadBufferSizeBytes=5242880");
  }

  /** Environment variables that point the AWS SDK's default credential chain at this server. */
  public List<String> credentialEnvironment() {
    return List.of("AWS_ACCESS_KEY_ID=" + ACCESS_KEY, "AWS_SECRET_ACCESS_KEY=" + SECRET_KEY);
  }

  /**
   * Points these options' S3 filesystem at this server and registers Beam's {@code s3} scheme with
   * them in this JVM: {@code Pipeline.create} does that for a pipeline, but {@code TestPipeline}
   * and direct {@code FileSystems} calls need it done.
   */
  public <T extends PipelineOptions> T configure(T options) {
    S3AccessOptions s3 = options.as(S3AccessOptions.class);
    s3.setAwsRegion(Region.US_EAST_1);
    s3.setEndpoint(URI.create(endpoint()));
    s3.setS3PathStyleAccess(true);
    s3.setAwsCredentialsProvider(
        StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)));
    s3.setS3UploadBufferSizeBytes(5 * 1024 * 1024);
    S3AccessOptions.applyTo(s3);
    FileSystems.setDefaultPipelineOptions(options);
    return options;
  }

  public void put(String key, String content) {
    server.client.putObject(
        b -> b.bucket(bucket).key(key), RequestBody.fromString(content, StandardCharsets.UTF_8));
  }

  /** The object's text, or null when there is none. */
  public String get(String key) {
    try {
      ResponseBytes<GetObjectResponse> bytes =
          server.client.getObjectAsBytes(b -> b.bucket(bucket).key(key));
      return bytes.asString(StandardCharsets.UTF_8);
    } catch (NoSuchKeyException missing) {
      return null;
    }
  }

  /** Every key in the bucket, sorted. */
  public List<String> keys() {
    List<String> keys = new ArrayList<>();
    for (S3Object object : server.client.listObjectsV2Paginator(b -> b.bucket(bucket)).contents()) {
      keys.add(object.key());
    }
    keys.sort(null);
    return keys;
  }

  public S3Client client() {
    return server.client;
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    }
  }

  private static void deleteTree(Path path) {
    if (path == null || !Files.exists(path)) {
      return;
    }
    try (var walk = Files.walk(path)) {
      walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // A temp directory; the OS cleans it eventually.
    }
  }
}
