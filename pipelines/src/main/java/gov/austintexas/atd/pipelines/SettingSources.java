package gov.austintexas.atd.pipelines;

import com.fasterxml.jackson.databind.node.ObjectNode;
import gov.austintexas.atd.transforms.json.Json;
import gov.austintexas.atd.transforms.s3.S3AccessOptions;
import java.beans.Introspector;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.beam.sdk.io.aws2.options.AwsOptions;
import org.apache.beam.sdk.options.PipelineOptions;

/**
 * Where each setting of one run came from, for the run report: {@code option} (the command line),
 * {@code variable NAME} (an environment fallback, see {@link Settings}), {@code default}, {@code
 * generated}, or {@code not set}. Only the source is kept, never a value, so secrets stay out.
 */
public final class SettingSources {
  /** Beam's own settings worth a line: the rest of Beam's options are its defaults. */
  private static final List<String> BEAM_SETTINGS =
      List.of("runner", "awsRegion", "endpoint", "awsCredentialsProvider");

  private final Map<String, String> recorded = new HashMap<>();

  /** Notes that {@code setting} was filled from {@code source} (a later note wins). */
  public void from(String setting, String source) {
    recorded.put(setting, source);
  }

  /** Every setting of the pipeline's own options (and Beam's runner and S3 ones), by name. */
  ObjectNode toJson(
      PipelineOptions options,
      Class<? extends PipelineOptions> optionsClass,
      String[] args,
      Map<String, String> environment) {
    Map<String, String> sources = new TreeMap<>();
    for (Method getter : settingGetters(optionsClass)) {
      String name = propertyName(getter);
      sources.put(name, sourceOf(name, value(getter, options), options, args, environment));
    }
    recorded.forEach(sources::putIfAbsent);
    ObjectNode json = Json.MAPPER.createObjectNode();
    sources.forEach(json::put);
    return json;
  }

  private String sourceOf(
      String name,
      Object value,
      PipelineOptions options,
      String[] args,
      Map<String, String> environment) {
    if (Arrays.stream(args)
        .anyMatch(arg -> arg.equals("--" + name) || arg.startsWith("--" + name + "="))) {
      return "option";
    }
    if (recorded.containsKey(name)) {
      return recorded.get(name);
    }
    if (name.equals("awsRegion")) {
      return regionSource(options.as(AwsOptions.class), environment);
    }
    if (name.equals("awsCredentialsProvider")) {
      return "default (the AWS SDK's chain: AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, the"
          + " profile, the instance role)";
    }
    return value == null ? "not set" : "default";
  }

  private static String regionSource(AwsOptions aws, Map<String, String> environment) {
    for (String variable : List.of("AWS_REGION", "AWS_DEFAULT_REGION")) {
      if (environment.get(variable) != null && !environment.get(variable).isBlank()) {
        return "variable " + variable;
      }
    }
    if (aws.getAwsRegion() == null) {
      return "not set";
    }
    return aws.getAwsRegion().equals(S3AccessOptions.DEFAULT_REGION)
        ? "default (" + S3AccessOptions.DEFAULT_REGION + ", with cross-region access)"
        : "the AWS SDK's region chain (aws.region, the profile, the instance)";
  }

  /** The getters of the project's options interfaces, plus Beam's few that matter here. */
  private static Set<Method> settingGetters(Class<?> optionsClass) {
    Set<Method> getters = new LinkedHashSet<>();
    for (Class<?> type : OptionInterfaces.of(optionsClass)) {
      boolean ours = type.getPackageName().startsWith("gov.austintexas.atd");
      for (Method method : type.getDeclaredMethods()) {
        if (isGetter(method) && (ours || BEAM_SETTINGS.contains(propertyName(method)))) {
          getters.add(method);
        }
      }
    }
    return getters;
  }

  private static boolean isGetter(Method method) {
    return method.getParameterCount() == 0
        && !method.isDefault()
        && !Modifier.isStatic(method.getModifiers())
        && (method.getName().startsWith("get") || method.getName().startsWith("is"));
  }

  private static String propertyName(Method getter) {
    String name = getter.getName();
    return Introspector.decapitalize(name.substring(name.startsWith("is") ? 2 : 3));
  }

  private static Object value(Method getter, PipelineOptions options) {
    try {
      return getter.invoke(
          options.as(getter.getDeclaringClass().asSubclass(PipelineOptions.class)));
    } catch (ReflectiveOperationException | RuntimeException e) {
      return null;
    }
  }
}
