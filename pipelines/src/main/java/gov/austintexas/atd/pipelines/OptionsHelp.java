package gov.austintexas.atd.pipelines;

import java.io.PrintStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.PipelineOptions;

/**
 * A pipeline's {@code --help}: every options interface it extends, by name, each with its options
 * (name, type, default, description), laid out as Beam's {@code PipelineOptionsFactory.printHelp}
 * lays them out. It reads the interfaces alone: Beam's printer first registers every registrar's
 * options and builds a proxy of each to check it, about half of {@code --help}'s start-up.
 */
final class OptionsHelp {
  private static final int WIDTH = 80;
  private static final String INDENT = "    ";

  private OptionsHelp() {}

  static void print(PrintStream out, Class<? extends PipelineOptions> options) {
    Map<String, Class<?>> interfaces = new TreeMap<>();
    collect(options, interfaces);
    for (Class<?> type : interfaces.values()) {
      out.println(type.getName() + ":");
      Description about = type.getAnnotation(Description.class);
      if (about != null) {
        wrap(out, about.value());
      }
      out.println();
      Map<String, Method> getters = getters(type);
      if (getters.isEmpty()) {
        out.println("  This interface does not define any properties.");
      }
      getters.forEach(
          (name, getter) -> {
            out.println("  --" + name + "=<" + typeName(getter.getReturnType()) + ">");
            String value = defaultValue(getter);
            if (value != null) {
              out.println(INDENT + "Default: " + value);
            }
            Description description = getter.getAnnotation(Description.class);
            if (description != null) {
              wrap(out, description.value());
            }
          });
      out.println();
    }
  }

  /** The options interfaces {@code type} is or extends, by name. */
  private static void collect(Class<?> type, Map<String, Class<?>> into) {
    if (!PipelineOptions.class.isAssignableFrom(type) || into.containsKey(type.getName())) {
      return;
    }
    into.put(type.getName(), type);
    for (Class<?> parent : type.getInterfaces()) {
      collect(parent, into);
    }
  }

  /**
   * The options {@code type} declares (a getter with a setter), hidden ones too, by name in any
   * case.
   */
  private static Map<String, Method> getters(Class<?> type) {
    Set<String> setters =
        Arrays.stream(type.getDeclaredMethods())
            .filter(method -> method.getName().startsWith("set") && method.getParameterCount() == 1)
            .map(method -> property(method.getName().substring(3)))
            .collect(Collectors.toSet());
    Map<String, Method> getters = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    for (Method method : type.getDeclaredMethods()) {
      String name = getterProperty(method);
      if (name != null && setters.contains(name) && !Modifier.isStatic(method.getModifiers())) {
        getters.put(name, method);
      }
    }
    return getters;
  }

  private static String getterProperty(Method method) {
    if (method.getParameterCount() != 0 || method.isDefault()) {
      return null;
    }
    String name = method.getName();
    if (name.startsWith("get") && name.length() > 3) {
      return property(name.substring(3));
    }
    boolean bool =
        method.getReturnType() == boolean.class || method.getReturnType() == Boolean.class;
    return bool && name.startsWith("is") && name.length() > 2 ? property(name.substring(2)) : null;
  }

  /**
   * {@code JdbcUrl} → {@code jdbcUrl}, but {@code SSEAlgorithm} stays: Beam names a property after
   * its getter as JavaBeans do.
   */
  private static String property(String capitalized) {
    if (capitalized.length() > 1 && Character.isUpperCase(capitalized.charAt(1))) {
      return capitalized;
    }
    return Character.toLowerCase(capitalized.charAt(0)) + capitalized.substring(1);
  }

  private static String typeName(Class<?> type) {
    if (type.isEnum()) {
      return Arrays.stream(type.getEnumConstants())
          .map(String::valueOf)
          .collect(Collectors.joining(" | "));
    }
    return type.getSimpleName();
  }

  /** The value of the getter's {@code @Default.*} annotation, or null. */
  private static String defaultValue(Method getter) {
    for (Annotation annotation : getter.getAnnotations()) {
      if (annotation.annotationType().getEnclosingClass() != Default.class) {
        continue;
      }
      try {
        Object value = annotation.annotationType().getMethod("value").invoke(annotation);
        return value instanceof Class<?> type ? type.getSimpleName() : String.valueOf(value);
      } catch (ReflectiveOperationException noValue) {
        return null;
      }
    }
    return null;
  }

  /** Prints {@code text} in lines of at most {@link #WIDTH} columns, indented. */
  private static void wrap(PrintStream out, String text) {
    List<String> lines = new ArrayList<>();
    StringBuilder line = new StringBuilder();
    for (String word : text.strip().split("\\s+")) {
      if (line.length() > 0 && INDENT.length() + line.length() + 1 + word.length() > WIDTH) {
        lines.add(line.toString());
        line.setLength(0);
      }
      line.append(line.length() > 0 ? " " : "").append(word);
    }
    if (line.length() > 0) {
      lines.add(line.toString());
    }
    lines.forEach(each -> out.println(INDENT + each));
  }
}
