package gov.austintexas.atd.pipelines.bondcalculations;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CoderRegistry;
import org.apache.beam.sdk.coders.ListCoder;
import org.apache.beam.sdk.coders.MapCoder;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.transforms.Combine.CombineFn;
import org.apache.beam.sdk.values.KV;

/**
 * The crosswalk from group keys to dashboard ids as one map, to be a singleton side input: a lookup
 * table of a few hundred rows, read for every expense row. A pair listed twice counts once, so a
 * duplicated crosswalk row cannot count the same money twice.
 */
class CrosswalkFn
    extends CombineFn<KV<String, String>, Map<String, TreeSet<String>>, Map<String, List<String>>> {
  private static final long serialVersionUID = 1L;

  @Override
  public Map<String, TreeSet<String>> createAccumulator() {
    return new HashMap<>();
  }

  @Override
  public Map<String, TreeSet<String>> addInput(
      Map<String, TreeSet<String>> crosswalk, KV<String, String> pair) {
    crosswalk.computeIfAbsent(pair.getKey(), key -> new TreeSet<>()).add(pair.getValue());
    return crosswalk;
  }

  @Override
  public Map<String, TreeSet<String>> mergeAccumulators(
      Iterable<Map<String, TreeSet<String>>> accumulators) {
    Map<String, TreeSet<String>> merged = new HashMap<>();
    for (Map<String, TreeSet<String>> part : accumulators) {
      part.forEach((key, ids) -> merged.computeIfAbsent(key, k -> new TreeSet<>()).addAll(ids));
    }
    return merged;
  }

  @Override
  public Map<String, List<String>> extractOutput(Map<String, TreeSet<String>> crosswalk) {
    Map<String, List<String>> lookup = new HashMap<>();
    crosswalk.forEach((key, ids) -> lookup.put(key, List.copyOf(ids)));
    return lookup;
  }

  @Override
  public Coder<Map<String, TreeSet<String>>> getAccumulatorCoder(
      CoderRegistry registry, Coder<KV<String, String>> inputCoder) {
    return MapCoder.of(StringUtf8Coder.of(), SerializableCoder.of(treeSetClass()));
  }

  @Override
  public Coder<Map<String, List<String>>> getDefaultOutputCoder(
      CoderRegistry registry, Coder<KV<String, String>> inputCoder) {
    return MapCoder.of(StringUtf8Coder.of(), ListCoder.of(StringUtf8Coder.of()));
  }

  @SuppressWarnings("unchecked")
  private static Class<TreeSet<String>> treeSetClass() {
    return (Class<TreeSet<String>>) (Class<?>) TreeSet.class;
  }
}
