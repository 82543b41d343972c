package gov.austintexas.atd.pipelines;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import gov.austintexas.atd.transforms.secrets.SecretMask;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.regex.Pattern;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.util.common.ReflectHelpers;

/**
 * A run's options as JSON for its report, with every secret masked.
 *
 * <p>Beam's own serialization of the options (what a runner ships to its workers) is the base: it
 * already leaves out {@code @JsonIgnore} properties, which is how this project marks secrets. On
 * top of that, a secret given on the command line shows as {@value #MASK} (so a reader sees it was
 * given), any value under a secret-sounding name is masked (e.g. the {@code secretAccessKey} of
 * {@code --awsCredentialsProvider}, which Beam does serialize), and so is a password inside a URL
 * in any of the forms {@link SecretMask} knows (query parameters, userinfo, Oracle's user/pass@).
 */
public final class MaskedOptions {
  public static final String MASK = SecretMask.MASK;
  private static final Pattern SECRET_NAME =
      Pattern.compile("(?i).*(password|passwd|secret|token|key).*");
  private static final ObjectMapper BEAM_OPTIONS_MAPPER =
      new ObjectMapper()
          .registerModules(ObjectMapper.findModules(ReflectHelpers.findClassLoader()));

  private MaskedOptions() {}

  public static ObjectNode of(PipelineOptions options) {
    JsonNode serialized = BEAM_OPTIONS_MAPPER.valueToTree(options).get("options");
    ObjectNode masked =
        serialized instanceof ObjectNode object
            ? object.deepCopy()
            : BEAM_OPTIONS_MAPPER.createObjectNode();
    for (String secret : ignoredSecretsGiven(options)) {
      masked.put(secret, MASK);
    }
    mask(masked);
    return sorted(masked);
  }

  /** The values of this project's secret ({@code @JsonIgnore}) options that were given. */
  static List<String> secretValues(PipelineOptions options) {
    List<String> values = new ArrayList<>();
    forEachIgnoredSecret(options, (name, value) -> values.add(value));
    return values;
  }

  /** The names of this project's {@code @JsonIgnore} options that have a value. */
  private static List<String> ignoredSecretsGiven(PipelineOptions options) {
    List<String> given = new ArrayList<>();
    forEachIgnoredSecret(options, (name, value) -> given.add(name));
    return given;
  }

  private static void forEachIgnoredSecret(
      PipelineOptions options, BiConsumer<String, String> action) {
    for (Class<?> type : OptionInterfaces.of(options.getClass().getInterfaces())) {
      // Only our own getters: Beam's @JsonIgnore getters have default factories with side effects.
      if (!type.getName().startsWith("gov.austintexas.atd.")) {
        continue;
      }
      for (Method getter : type.getDeclaredMethods()) {
        if (getter.isAnnotationPresent(JsonIgnore.class)
            && getter.getName().startsWith("get")
            && getter.getParameterCount() == 0
            && getter.getReturnType() == String.class) {
          try {
            Object value = getter.invoke(options);
            if (value != null) {
              action.accept(
                  Character.toLowerCase(getter.getName().charAt(3)) + getter.getName().substring(4),
                  (String) value);
            }
          } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read option " + getter.getName(), e);
          }
        }
      }
    }
  }

  private static void mask(JsonNode node) {
    if (node instanceof ObjectNode object) {
      Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
      List<String> toMask = new ArrayList<>();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> field = fields.next();
        if (field.getValue().isContainerNode()) {
          mask(field.getValue());
        } else if (SECRET_NAME.matcher(field.getKey()).matches()
            && !field.getValue().isNull()
            && !field.getValue().isBoolean()) {
          toMask.add(field.getKey());
        } else if (field.getValue().isTextual()) {
          object.put(field.getKey(), maskUrl(field.getValue().textValue()));
        }
      }
      toMask.forEach(name -> object.set(name, TextNode.valueOf(MASK)));
    } else if (node != null && node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        JsonNode element = node.get(i);
        if (element.isTextual()) {
          ((com.fasterxml.jackson.databind.node.ArrayNode) node)
              .set(i, TextNode.valueOf(maskUrl(element.textValue())));
        } else {
          mask(element);
        }
      }
    }
  }

  /** A password inside a URL masked: see {@link SecretMask}. */
  static String maskUrl(String value) {
    return SecretMask.inText(value);
  }

  private static ObjectNode sorted(ObjectNode options) {
    ObjectNode sorted = BEAM_OPTIONS_MAPPER.createObjectNode();
    List<String> names = new ArrayList<>();
    options.fieldNames().forEachRemaining(names::add);
    names.stream().sorted().forEach(name -> sorted.set(name, options.get(name)));
    return sorted;
  }
}
