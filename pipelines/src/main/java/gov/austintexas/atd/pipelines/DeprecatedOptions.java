package gov.austintexas.atd.pipelines;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Options renamed to the naming scheme of docs/pipelines.md, whose old names still work: the
 * launcher rewrites each old name to its new one before Beam parses the command line, so the run,
 * its run report ({@code option} in {@code settings}) and its masking see only the new name, and
 * {@code --help} lists only the new names. Each old name used prints one warning on stderr; the old
 * and the new name of one option together are a usage error.
 */
final class DeprecatedOptions {
  /** Per command, old name to new name (without the dashes). */
  static final Map<String, Map<String, String>> RENAMED =
      Map.of(
          "microstrategy-to-s3",
              inOrder(
                  "baseUrl", "mstrBaseUrl",
                  "username", "mstrUser",
                  "password", "mstrPassword",
                  "projectId", "mstrProjectId",
                  "requestTimeoutSeconds", "mstrTimeoutSeconds",
                  "maxRetries", "mstrMaxRetries"),
          "bond-data", inOrder("reportsDir", "input"));

  private DeprecatedOptions() {}

  /**
   * The arguments with every old name of {@code command}'s options replaced by its new one, in
   * whichever form it came: {@code --old=value}, a bare boolean {@code --old}, or {@code --old}
   * followed by its value (which Beam then treats as it treats {@code --new value}). Prints one
   * {@code warning: --old is deprecated; use --new} line on {@code warn} per old name used.
   *
   * @throws UsageException when an option is given under both its old and its new name
   */
  static String[] rewrite(String command, String[] args, Consumer<String> warn) {
    return rewrite(RENAMED.getOrDefault(command, Map.of()), args, warn);
  }

  static String[] rewrite(Map<String, String> renamed, String[] args, Consumer<String> warn) {
    if (renamed.isEmpty()) {
      return args;
    }
    Set<String> given = new LinkedHashSet<>();
    for (String arg : args) {
      String name = nameOf(arg);
      if (name != null) {
        given.add(name);
      }
    }
    Set<String> used = new LinkedHashSet<>();
    List<String> rewritten = new ArrayList<>(args.length);
    for (String arg : args) {
      String name = nameOf(arg);
      String newName = name == null ? null : renamed.get(name);
      if (newName == null) {
        rewritten.add(arg);
        continue;
      }
      if (given.contains(newName)) {
        throw new UsageException(
            "--"
                + name
                + " and --"
                + newName
                + " are one option (--"
                + name
                + " is its deprecated name): give only --"
                + newName);
      }
      used.add(name);
      rewritten.add("--" + newName + arg.substring(2 + name.length()));
    }
    used.forEach(
        name -> warn.accept("warning: --" + name + " is deprecated; use --" + renamed.get(name)));
    return rewritten.toArray(new String[0]);
  }

  /** The option name of {@code --name} or {@code --name=value}; null for anything else. */
  private static String nameOf(String arg) {
    if (arg == null || !arg.startsWith("--") || arg.length() == 2) {
      return null;
    }
    int equals = arg.indexOf('=');
    return equals < 0 ? arg.substring(2) : arg.substring(2, equals);
  }

  private static Map<String, String> inOrder(String... oldAndNew) {
    Map<String, String> renamed = new LinkedHashMap<>();
    for (int i = 0; i < oldAndNew.length; i += 2) {
      renamed.put(oldAndNew[i], oldAndNew[i + 1]);
    }
    return Collections.unmodifiableMap(renamed);
  }
}
