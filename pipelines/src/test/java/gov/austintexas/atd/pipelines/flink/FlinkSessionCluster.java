package gov.austintexas.atd.pipelines.flink;

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
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real Flink 1.19 session cluster for tests: a JobManager and {@value #TASK_MANAGERS}
 * TaskManagers of one slot each, each a JVM of its own started as a child process on loopback, from
 * the Flink artifacts the Flink runner brings onto the test classpath and a generated {@code
 * flink-conf.yaml}. Unlike {@code --flinkMaster=[local]}, every pipeline submitted to it is
 * serialized, shipped and run in other processes, so per-JVM state and serialization gaps show.
 *
 * <pre>
 * {@literal @}RegisterExtension static final FlinkSessionCluster flink = new FlinkSessionCluster();
 * ... "--runner=FlinkRunner", "--flinkMaster=" + flink.master(), "--filesToStage=" + flink.filesToStage()
 * </pre>
 *
 * <p>The cluster is started before the class's tests and always stopped after them, and by a JVM
 * shutdown hook should the JVM end early. Each process logs to {@code target/flink-cluster/}.
 */
public class FlinkSessionCluster implements BeforeAllCallback, AfterAllCallback {
  static final int TASK_MANAGERS = 2;
  static final int SLOTS_PER_TASK_MANAGER = 1;
  private static final String JOB_MANAGER =
      "org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint";
  private static final String TASK_MANAGER =
      "org.apache.flink.runtime.taskexecutor.TaskManagerRunner";
  private static final Pattern REGISTERED = Pattern.compile("\"taskmanagers\"\\s*:\\s*(\\d+)");

  private final Path logs = Path.of("target", "flink-cluster");
  private final List<Process> processes = new ArrayList<>();
  private final List<Path> logFiles = new ArrayList<>();
  private Thread shutdownHook;
  private Path configDir;
  private Path emptyJar;
  private int restPort;

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    start();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    stop();
  }

  public void start() throws Exception {
    Files.createDirectories(logs);
    configDir = Files.createTempDirectory("flink-conf-");
    restPort = freePort();
    Files.writeString(
        configDir.resolve("flink-conf.yaml"),
        configuration(freePort(), restPort),
        StandardCharsets.UTF_8);
    emptyJar = configDir.resolve("job.jar");
    try (JarOutputStream jar =
        new JarOutputStream(Files.newOutputStream(emptyJar), new Manifest())) {
      jar.flush();
    }
    shutdownHook = new Thread(() -> processes.forEach(Process::destroyForcibly));
    Runtime.getRuntime().addShutdownHook(shutdownHook);
    try {
      launch("jobmanager", JOB_MANAGER, "-Xmx384m");
      for (int i = 1; i <= TASK_MANAGERS; i++) {
        // The heap holds the framework heap (128m) and the task heap; direct memory the
        // framework off-heap (128m), the task off-heap and the network buffers (see
        // configuration()).
        launch("taskmanager-" + i, TASK_MANAGER, "-Xmx704m", "-XX:MaxDirectMemorySize=384m");
      }
      awaitTaskManagers();
    } catch (Exception | Error e) {
      stop();
      throw e;
    }
  }

  /** {@code host:port} of the REST endpoint, for {@code --flinkMaster}. */
  public String master() {
    return "127.0.0.1:" + restPort;
  }

  /**
   * What the runner stages for the job: an empty jar, because the cluster's JVMs run on the test
   * classpath, which holds the job's classes (as a Flink image with the job jar in {@code lib/}).
   * Staging only the project's classes would split Beam (the cluster's class loader) from them (the
   * job's, child-first): Beam's SerializableCoder then resolves the project's accumulator classes
   * in the wrong loader ("Cannot cast Dimensions$Sets to Dimensions$Sets"), which a job jar with
   * Beam inside never does. Staging every jar of the classpath (130 MB) took 25-35 s per submission
   * here. Without {@code --filesToStage} the runner would stage the whole classpath.
   */
  public String filesToStage() {
    return emptyJar.toString();
  }

  /** The last lines of every process's log, for a failure message. */
  public String logTails() {
    StringBuilder tails = new StringBuilder();
    for (Path log : logFiles) {
      tails.append("--- ").append(log).append('\n');
      try {
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        lines
            .subList(Math.max(0, lines.size() - 30), lines.size())
            .forEach(line -> tails.append(line).append('\n'));
      } catch (IOException e) {
        tails.append("(unreadable: ").append(e.getMessage()).append(")\n");
      }
    }
    return tails.toString();
  }

  public void stop() {
    for (int i = processes.size() - 1; i >= 0; i--) {
      processes.get(i).destroy(); // TaskManagers first
    }
    for (Process process : processes) {
      try {
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
          process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
      } catch (InterruptedException e) {
        process.destroyForcibly();
        Thread.currentThread().interrupt();
      }
    }
    processes.clear();
    deleteTree(configDir);
    if (shutdownHook != null) {
      try {
        Runtime.getRuntime().removeShutdownHook(shutdownHook);
      } catch (IllegalStateException alreadyShuttingDown) {
        // The hook runs anyway.
      }
      shutdownHook = null;
    }
  }

  /**
   * Loopback only, two free ports chosen here (the JobManager's RPC, which the TaskManagers dial,
   * and REST, which the client dials); every other port is the OS's pick. A TaskManager started
   * without Flink's scripts must be given every part of its memory budget explicitly (the scripts
   * compute them), and its JVM limits must hold them (see {@link #start}).
   */
  private String configuration(int rpcPort, int restPort) throws IOException {
    Path tmp = Files.createDirectories(configDir.resolve("tmp"));
    return String.join(
        "\n",
        "jobmanager.rpc.address: 127.0.0.1",
        "jobmanager.rpc.port: " + rpcPort,
        "jobmanager.bind-host: 127.0.0.1",
        "rest.address: 127.0.0.1",
        "rest.bind-address: 127.0.0.1",
        "rest.port: " + restPort,
        "taskmanager.host: 127.0.0.1",
        "taskmanager.bind-host: 127.0.0.1",
        "taskmanager.numberOfTaskSlots: " + SLOTS_PER_TASK_MANAGER,
        "parallelism.default: " + TASK_MANAGERS * SLOTS_PER_TASK_MANAGER,
        "taskmanager.cpu.cores: " + SLOTS_PER_TASK_MANAGER,
        "taskmanager.memory.framework.heap.size: 128m",
        "taskmanager.memory.task.heap.size: 512m",
        "taskmanager.memory.framework.off-heap.size: 128m",
        "taskmanager.memory.task.off-heap.size: 64m",
        "taskmanager.memory.network.min: 128m",
        "taskmanager.memory.network.max: 128m",
        "taskmanager.memory.managed.size: 128m",
        // Beam's batch jobs have many blocking exchanges, all deployed at once; each sort-shuffle
        // partition holds this many 32 KB buffers (default 512), which 2 slots cannot give them
        // all.
        "taskmanager.network.sort-shuffle.min-buffers: 64",
        "taskmanager.memory.jvm-metaspace.size: 256m",
        "taskmanager.memory.jvm-overhead.min: 192m",
        "taskmanager.memory.jvm-overhead.max: 192m",
        "io.tmp.dirs: " + tmp,
        // On a busy 2-core machine, deploying a Beam job's many tasks can outlast the 10 s default.
        "pekko.ask.timeout: 60 s",
        // The cluster outlives each job's class loader; the test JVM's Flink client warns
        // otherwise.
        "classloader.check-leaked-classloader: false",
        "");
  }

  private void launch(String name, String mainClass, String... jvmOptions) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(List.of(jvmOptions));
    // C1 only, as the test JVMs (parent POM): the cluster's jobs are small, its start is most of
    // its CPU time.
    command.add("-XX:TieredStopAtLevel=1");
    // Beam's Flink runner reflects into these JDK packages on Java 17 (beam-facts.md).
    for (String pkg : List.of("java.util", "java.lang", "java.lang.invoke", "java.nio")) {
      command.add("--add-opens=java.base/" + pkg + "=ALL-UNNAMED");
    }
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(mainClass);
    command.add("--configDir");
    command.add(configDir.toString());
    Path log = logs.resolve(name + ".log");
    logFiles.add(log);
    processes.add(
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start());
  }

  private void awaitTaskManagers() throws Exception {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    HttpRequest overview =
        HttpRequest.newBuilder(URI.create("http://" + master() + "/overview"))
            .timeout(Duration.ofSeconds(2))
            .build();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    while (System.nanoTime() < deadline) {
      for (Process process : processes) {
        if (!process.isAlive()) {
          throw new IllegalStateException(
              "a Flink process exited with " + process.exitValue() + ":\n" + logTails());
        }
      }
      try {
        HttpResponse<String> response = http.send(overview, HttpResponse.BodyHandlers.ofString());
        Matcher registered = REGISTERED.matcher(response.body());
        if (response.statusCode() == 200
            && registered.find()
            && Integer.parseInt(registered.group(1)) == TASK_MANAGERS) {
          return;
        }
      } catch (IOException notYet) {
        // Still starting.
      }
      Thread.sleep(250);
    }
    throw new IllegalStateException(
        "the Flink cluster did not have "
            + TASK_MANAGERS
            + " TaskManagers within 90 s:\n"
            + logTails());
  }

  /** The configuration, the empty jar and the processes' temporary files (blobs, spills). */
  private static void deleteTree(Path path) {
    if (path == null || !Files.exists(path)) {
      return;
    }
    try (var walk = Files.walk(path)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // A temp directory; the OS cleans it eventually.
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
