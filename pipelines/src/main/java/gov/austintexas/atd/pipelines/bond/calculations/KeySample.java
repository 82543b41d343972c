package gov.austintexas.atd.pipelines.bond.calculations;

import java.io.Serializable;
import java.util.TreeSet;
import org.apache.beam.sdk.coders.DefaultCoder;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.transforms.Combine.CombineFn;

/**
 * How many distinct keys were dropped, with the first few in sort order, for the run's report;
 * the input must already be distinct.
 */
@DefaultCoder(SerializableCoder.class)
final class KeySample implements Serializable {
  private static final long serialVersionUID = 1L;
  static final int SHOWN = 5;

  long count;
  final TreeSet<String> first = new TreeSet<>();

  void add(String key) {
    count++;
    first.add(key);
    if (first.size() > SHOWN) {
      first.pollLast();
    }
  }

  /** A report line, e.g. "3 group keys ... : a, b, c", or null when nothing was dropped. */
  String describe(String what) {
    if (count == 0) {
      return null;
    }
    return count + " " + what + ": " + String.join(", ", first) + (count > first.size() ? ", ..." : "");
  }

  static class Fn extends CombineFn<String, KeySample, KeySample> {
    private static final long serialVersionUID = 1L;

    @Override
    public KeySample createAccumulator() {
      return new KeySample();
    }

    @Override
    public KeySample addInput(KeySample sample, String key) {
      sample.add(key);
      return sample;
    }

    @Override
    public KeySample mergeAccumulators(Iterable<KeySample> samples) {
      KeySample merged = new KeySample();
      for (KeySample sample : samples) {
        merged.count += sample.count;
        sample.first.forEach(key -> {
          merged.first.add(key);
          if (merged.first.size() > SHOWN) {
            merged.first.pollLast();
          }
        });
      }
      return merged;
    }

    @Override
    public KeySample extractOutput(KeySample sample) {
      return sample;
    }
  }
}
