package gov.austintexas.atd.pipelines.benchmarks;

import gov.austintexas.atd.pipelines.financetos3.RecordTypes;
import gov.austintexas.atd.testing.PostgresSchema;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Benchmarks, not tests: each work runs as a whole process, the way docs/operations.md runs it
 * ({@code java -jar atd-pipelines.jar …} with the JVM flags docs/operations.md recommends, and
 * plainly for the start-up rows), under {@code /usr/bin/time}, and one table gives its wall time,
 * CPU time and peak RSS next to the reference: the old scripts' figures (measured once on this
 * machine) and PostgreSQL's own JSON {@code COPY} of the extract's query, measured in this run.
 *
 * <pre>./mvnw -q -pl pipelines -am -DskipTests package exec:exec@benchmarks</pre>
 *
 * System properties: {@code works} (comma-separated: help, knack-plan, finance-to-s3,
 * bond-calculations; default all), {@code runners} (DirectRunner,FlinkRunner), and one size list
 * per work: {@code knack.sizes} (1000,5000,20000,50000,1000000), {@code finance.sizes}
 * (250000,1000000), {@code bond.sizes} (5000,20000,1000000); {@code flink.args}: more options for
 * the Flink runs (none by default). The Flink runs take the test classpath, where the Flink runner
 * is, instead of the jar (which has it only with {@code -Pflink}).
 */
public final class AllBenchmarks {
  private static final Pattern TIME =
      Pattern.compile("^([0-9.]+) s ([0-9]+) KB ([0-9.]+) ([0-9.]+)$");
  private static final String FINANCE_SCHEMA = "bench_finance_to_s3";

  private final Path jar;
  private final Path work;
  private final Path classArchive;
  private final List<String> table = new ArrayList<>();

  private AllBenchmarks(Path jar, Path work) {
    this.jar = jar;
    this.work = work;
    this.classArchive = work.resolve("atd.jsa");
  }

  /** The JVM flags docs/operations.md recommends for scheduled runs; none for a plain run. */
  private List<String> jvmFlags(boolean plain) {
    return plain ? List.of() : List.of("-XX:+UseSerialGC", "-XX:SharedArchiveFile=" + classArchive);
  }

  /**
   * The recommended flags plus {@code -XX:TieredStopAtLevel=1} (C1 only), which the README
   * recommends for {@code --help}, {@code s3-to-knack}, {@code finance-to-s3} and {@code
   * bond-calculations}: runs of seconds, where C2's compiling costs more than it saves (a
   * 20,000-row plan: 25 → 12 CPU s; a million-row extract 6.2 → 4.7; bond-calculations at 20,000
   * rows 21.5 → 12.8). Each of them is measured both ways.
   */
  private List<String> shortRunFlags() {
    List<String> flags = new ArrayList<>(jvmFlags(false));
    flags.add("-XX:TieredStopAtLevel=1");
    return flags;
  }

  /** One whole process: exit code, wall seconds, peak RSS in KiB, and where its output went. */
  record Measured(int exit, double seconds, long peakKb, double cpuSeconds, Path log) {
    String figures() {
      return exit == 0
          ? String.format(Locale.ROOT, "%.1f | %.1f | %s", seconds, cpuSeconds, mib(peakKb))
          : "failed (exit " + exit + ", " + log + ") | | ";
    }
  }

  public static void main(String[] args) throws Exception {
    Path jar = Path.of(System.getProperty("jar", "target/atd-pipelines.jar")).toAbsolutePath();
    if (!Files.exists(jar)) {
      throw new IllegalStateException(
          jar + " is missing: build it with ./mvnw -q -DskipTests package");
    }
    List<String> works = list("works", "help,knack-plan,finance-to-s3,bond-calculations");
    List<String> runners = list("runners", "DirectRunner,FlinkRunner");
    Path work = Files.createTempDirectory("atd-benchmarks");
    AllBenchmarks benchmarks = new AllBenchmarks(jar, work);
    String started =
        OffsetDateTime.now(ZoneOffset.UTC)
            .format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'"));
    String loadBefore = uptime();
    try {
      benchmarks.archiveClasses();
      for (String runner : runners) {
        for (String name : works) {
          switch (name) {
            case "help" -> benchmarks.help(runner);
            case "knack-plan" ->
                benchmarks.knackPlan(runner, sizes("knack.sizes", "1000,5000,20000,50000,1000000"));
            case "finance-to-s3" ->
                benchmarks.financeToS3(runner, sizes("finance.sizes", "250000,1000000"));
            case "bond-calculations" ->
                benchmarks.bondCalculations(runner, sizes("bond.sizes", "5000,20000,1000000"));
            default -> throw new IllegalArgumentException("no benchmark named " + name);
          }
        }
      }
    } finally {
      deleteTree(work);
    }
    System.out.println();
    System.out.println(
        "Run "
            + started
            + "; load before: "
            + loadBefore
            + "; after: "
            + uptime()
            + (flinkArgs().isEmpty() ? "" : "; Flink runs with " + String.join(" ", flinkArgs())));
    System.out.println();
    System.out.println("| work | runner | size | wall s | CPU s | peak RSS | reference |");
    System.out.println("| --- | --- | --- | --- | --- | --- | --- |");
    benchmarks.table.forEach(System.out::println);
  }

  private void row(String work, String runner, String size, Measured measured, String reference) {
    String line =
        "| "
            + work
            + " | "
            + runner.replace("Runner", "")
            + " | "
            + size
            + " | "
            + measured.figures()
            + " | "
            + reference
            + " |";
    table.add(line);
    System.out.println(line);
  }

  /** The class-data archive of the recommended flags, from a 1,000-row plan (not measured). */
  private void archiveClasses() throws Exception {
    Path dir = Files.createDirectories(work.resolve("training"));
    KnackPlanData.write(dir, 1000);
    Measured training =
        launch(
            "DirectRunner",
            "class-archive",
            List.of("-XX:ArchiveClassesAtExit=" + classArchive),
            knackPlanArgs(dir));
    if (training.exit() != 0 || !Files.exists(classArchive)) {
      throw new IllegalStateException("the class-data archive was not made; see " + training.log());
    }
    deleteTree(dir);
  }

  private void help(String runner) throws Exception {
    if (runner.equals("DirectRunner")) {
      List<String> help = List.of("s3-to-knack", "--help");
      row(
          "`s3-to-knack --help`, plain `java -jar`",
          runner,
          "",
          launch(runner, "help-plain", jvmFlags(true), help),
          "goal ≤ 1 s");
      row(
          "`s3-to-knack --help`",
          runner,
          "",
          launch(runner, "help", jvmFlags(false), help),
          "goal ≤ 1 s");
      row(
          "`s3-to-knack --help`, C1 only",
          runner,
          "",
          launch(runner, "help-c1", shortRunFlags(), help),
          "goal ≤ 1 s");
    }
  }

  private void knackPlan(String runner, List<Integer> sizes) throws Exception {
    for (int size : sizes) {
      Path dir = Files.createDirectories(work.resolve("knack-" + size));
      KnackPlanData.Expected expected = KnackPlanData.write(dir, size);
      if (size <= 1000 && runner.equals("DirectRunner")) {
        Measured plain =
            launch(runner, "knack-plan-plain-" + size, jvmFlags(true), knackPlanArgs(dir));
        row(
            "Knack plan (dry run from files), plain `java -jar`",
            runner,
            String.format(Locale.ROOT, "%,d", size),
            plain,
            KNACK_OLD.getOrDefault(size, ""));
      }
      Measured measured = launch(runner, "knack-plan-" + size, jvmFlags(false), knackPlanArgs(dir));
      String plan = Files.readString(dir.resolve("plans/task_orders-data-tracker-plan.json"));
      System.out.println("  expected " + expected + "; plan " + plan.strip());
      row(
          "Knack plan (dry run from files)",
          runner,
          String.format(Locale.ROOT, "%,d", size),
          measured,
          KNACK_OLD.getOrDefault(size, ""));
      if (runner.equals("DirectRunner")) {
        Measured c1 = launch(runner, "knack-plan-c1-" + size, shortRunFlags(), knackPlanArgs(dir));
        String c1Plan = Files.readString(dir.resolve("plans/task_orders-data-tracker-plan.json"));
        if (!c1Plan.equals(plan)) {
          throw new IllegalStateException(
              "the C1-only run planned differently: "
                  + c1Plan.strip()
                  + " against "
                  + plan.strip());
        }
        row(
            "Knack plan (dry run from files), C1 only",
            runner,
            String.format(Locale.ROOT, "%,d", size),
            c1,
            KNACK_OLD.getOrDefault(size, ""));
      }
      deleteTree(dir);
    }
  }

  private static List<String> knackPlanArgs(Path dir) {
    return List.of(
        "s3-to-knack",
        "--recordType=task_orders",
        "--app=data-tracker",
        "--dryRun",
        "--input=" + dir,
        "--knackRecordsFile=" + dir.resolve(KnackPlanData.SNAPSHOT_FILE),
        "--reportDir=" + dir.resolve("plans"));
  }

  private void financeToS3(String runner, List<Integer> sizes) throws Exception {
    String query = RecordTypes.load().get("task_orders").sql();
    try {
      for (int size : sizes) {
        FinanceData.load(FINANCE_SCHEMA, size);
        Path output = Files.createDirectories(work.resolve("finance-" + size));
        Measured copy = copyReference(query, output.resolve("copy.json"));
        Measured measured =
            launch(
                runner,
                "finance-to-s3-" + size,
                jvmFlags(false),
                financeArgs(Files.createDirectories(output.resolve("default"))));
        financeRow("finance-to-s3 task orders → a local file", runner, size, measured, copy);
        if (runner.equals("DirectRunner")) {
          Measured c1 =
              launch(
                  runner,
                  "finance-to-s3-c1-" + size,
                  shortRunFlags(),
                  financeArgs(Files.createDirectories(output.resolve("c1"))));
          financeRow("finance-to-s3 task orders → a local file, C1 only", runner, size, c1, copy);
        }
        deleteTree(output);
      }
    } finally {
      FinanceData.drop(FINANCE_SCHEMA);
    }
  }

  /** Each run writes a new file of its own: replacing one would count the old file's rows. */
  private static List<String> financeArgs(Path output) {
    return List.of(
        "finance-to-s3",
        "--recordType=task_orders",
        "--jdbcUrl=" + PostgresSchema.serverUrl() + "?currentSchema=" + FINANCE_SCHEMA,
        "--dbUser=" + PostgresSchema.user(),
        "--output=" + output + "/");
  }

  private void financeRow(String work, String runner, int size, Measured measured, Measured copy) {
    String reference =
        String.format(
                Locale.ROOT,
                "COPY: %.1f s (%.2f×)",
                copy.seconds(),
                measured.seconds() / copy.seconds())
            + (size == 1_000_000 ? "; old: 9–14 s, 1.9 GB" : "");
    row(work, runner, String.format(Locale.ROOT, "%,d", size), measured, reference);
  }

  private void bondCalculations(String runner, List<Integer> sizes) throws Exception {
    try {
      for (int size : sizes) {
        BondData.seed(size);
        Path output = Files.createDirectories(work.resolve("bond-" + size));
        List<String> arguments =
            List.of(
                "bond-calculations",
                "--jdbcUrl=" + PostgresSchema.serverUrl() + "?currentSchema=" + BondData.SCHEMA,
                "--dbUser=" + PostgresSchema.user(),
                "--outputDir=" + output,
                "--dryRun");
        Measured measured = launch(runner, "bond-calculations-" + size, jvmFlags(false), arguments);
        row(
            "bond-calculations from PostgreSQL",
            runner,
            String.format(Locale.ROOT, "%,d per raw table", size),
            measured,
            BOND_OLD.getOrDefault(size, ""));
        if (runner.equals("DirectRunner")) {
          Measured c1 = launch(runner, "bond-calculations-c1-" + size, shortRunFlags(), arguments);
          row(
              "bond-calculations from PostgreSQL, C1 only",
              runner,
              String.format(Locale.ROOT, "%,d per raw table", size),
              c1,
              BOND_OLD.getOrDefault(size, ""));
        }
        deleteTree(output);
      }
    } finally {
      BondData.drop();
    }
  }

  /** PostgreSQL's own JSON export of the same query, through psql, to a file. */
  private Measured copyReference(String query, Path file) throws Exception {
    URI server = URI.create(PostgresSchema.serverUrl().substring("jdbc:".length()));
    String copy =
        "COPY (SELECT row_to_json(t) FROM ("
            + query.strip().replaceAll(";\\s*$", "")
            + ") t) TO STDOUT";
    ProcessBuilder psql =
        new ProcessBuilder(
            "/usr/bin/time",
            "-f",
            "%e s %M KB %U %S",
            "psql",
            "-X",
            "-q",
            "-h",
            server.getHost(),
            "-p",
            String.valueOf(server.getPort()),
            "-U",
            PostgresSchema.user(),
            "-d",
            server.getPath().substring(1),
            "-v",
            "ON_ERROR_STOP=1",
            "-c",
            copy);
    psql.environment().put("PGOPTIONS", "-c search_path=" + FINANCE_SCHEMA);
    psql.redirectOutput(file.toFile());
    return measure(psql, file.resolveSibling("copy.log"));
  }

  /**
   * The pipeline as a whole process: the jar on the DirectRunner, the test classpath on Flink
   * (where the class archive, made from the jar, does not apply).
   */
  private Measured launch(String runner, String name, List<String> jvmFlags, List<String> arguments)
      throws Exception {
    List<String> command =
        new ArrayList<>(List.of("/usr/bin/time", "-f", "%e s %M KB %U %S", javaBin()));
    List<String> pipelineArgs = new ArrayList<>(arguments);
    if (runner.equals("FlinkRunner")) {
      command.addAll(
          jvmFlags.stream().filter(flag -> !flag.contains("SharedArchiveFile")).toList());
      command.addAll(
          List.of(
              "--add-opens=java.base/java.util=ALL-UNNAMED",
              "--add-opens=java.base/java.lang=ALL-UNNAMED",
              "--add-opens=java.base/java.lang.invoke=ALL-UNNAMED",
              "--add-opens=java.base/java.nio=ALL-UNNAMED",
              "-cp",
              System.getProperty("java.class.path"),
              "gov.austintexas.atd.pipelines.Launcher"));
      pipelineArgs.addAll(List.of("--runner=FlinkRunner", "--flinkMaster=[local]"));
      pipelineArgs.addAll(flinkArgs());
    } else {
      command.addAll(jvmFlags);
      command.addAll(List.of("-jar", jar.toString()));
    }
    command.addAll(pipelineArgs);
    ProcessBuilder process = new ProcessBuilder(command);
    Path log = work.resolveSibling(work.getFileName() + "-" + name + "-" + runner + ".log");
    process.redirectOutput(log.toFile());
    return measure(process, log);
  }

  /** {@code flink.args}: more options for the Flink runs, e.g. {@code --parallelism=1}. */
  private static List<String> flinkArgs() {
    return Arrays.stream(System.getProperty("flink.args", "").strip().split("\\s+"))
        .filter(arg -> !arg.isEmpty())
        .toList();
  }

  /** Runs the process with its stderr in {@code log}; the last line is /usr/bin/time's. */
  private static Measured measure(ProcessBuilder process, Path log) throws Exception {
    Path errors = Files.createTempFile(log.getParent(), "stderr", ".log");
    process.redirectError(errors.toFile());
    int exit = process.start().waitFor();
    List<String> lines = Files.readAllLines(errors, StandardCharsets.UTF_8);
    Files.write(
        log,
        lines,
        StandardCharsets.UTF_8,
        java.nio.file.StandardOpenOption.CREATE,
        java.nio.file.StandardOpenOption.APPEND);
    Files.delete(errors);
    for (int i = lines.size() - 1; i >= 0; i--) {
      Matcher time = TIME.matcher(lines.get(i).strip());
      if (time.matches()) {
        return new Measured(
            exit,
            Double.parseDouble(time.group(1)),
            Long.parseLong(time.group(2)),
            Double.parseDouble(time.group(3)) + Double.parseDouble(time.group(4)),
            log);
      }
    }
    throw new IllegalStateException("no /usr/bin/time line in " + log);
  }

  private static final java.util.Map<Integer, String> KNACK_OLD =
      java.util.Map.of(
          1_000,
          "old: 0.15 s; goal ≤ 4 s",
          5_000,
          "old: 0.8 s, 48 MB",
          20_000,
          "old: 10 s, 142 MB; goal ≤ 5 s",
          50_000,
          "old: 40 s, 326 MB; goal ≤ 8 s",
          1_000_000,
          "goal ≤ 60 s, ≤ 3 GiB");
  private static final java.util.Map<Integer, String> BOND_OLD =
      java.util.Map.of(
          5_000,
          "old: 52 s, 187 MB; goal ≤ 10 s",
          20_000,
          "old: 410 s, 523 MB; goal ≤ 12 s, ≤ 1 GiB",
          1_000_000,
          "goal ≤ 60 s, ≤ 3 GiB");

  private static String mib(long kb) {
    return String.format(Locale.ROOT, "%,d MiB", Math.round(kb / 1024.0));
  }

  private static String javaBin() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  /** The load averages over 1, 5 and 15 minutes, as uptime prints them. */
  private static String uptime() throws IOException {
    String[] load = Files.readString(Path.of("/proc/loadavg")).strip().split(" ");
    return load[0] + ", " + load[1] + ", " + load[2];
  }

  private static List<String> list(String property, String defaults) {
    return Arrays.stream(System.getProperty(property, defaults).split(","))
        .map(String::strip)
        .filter(s -> !s.isEmpty())
        .toList();
  }

  private static List<Integer> sizes(String property, String defaults) {
    return list(property, defaults).stream().map(Integer::parseInt).toList();
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (var files = Files.walk(dir)) {
      for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(file);
      }
    }
  }
}
