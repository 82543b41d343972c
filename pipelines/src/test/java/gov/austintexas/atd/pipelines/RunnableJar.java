package gov.austintexas.atd.pipelines;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The command line that runs the built jar as a scheduler does, for the integration tests: {@code
 * java [options] -jar atd-pipelines.jar ARGS}. Failsafe names the jar ({@code atd.jar}) and the JVM
 * options ({@code atd.jar.jvmOptions}: the test JVMs' compiler setting, C1 only, which halves the
 * CPU time of a short run; see the parent POM).
 */
public final class RunnableJar {
  private RunnableJar() {}

  public static List<String> command(List<String> args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    String options = System.getProperty("atd.jar.jvmOptions", "").strip();
    if (!options.isEmpty()) {
      command.addAll(Arrays.asList(options.split("\\s+")));
    }
    command.add("-jar");
    command.add(new File(System.getProperty("atd.jar")).getAbsolutePath());
    command.addAll(args);
    return command;
  }

  public static List<String> command(String... args) {
    return command(List.of(args));
  }
}
