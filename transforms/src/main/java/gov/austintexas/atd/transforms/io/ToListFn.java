package gov.austintexas.atd.transforms.io;

import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CoderRegistry;
import org.apache.beam.sdk.coders.ListCoder;
import org.apache.beam.sdk.transforms.Combine;

/**
 * Collects a collection into one list, in no particular order: for what one worker must see whole
 * (a staged file's part list, the rows of a replace).
 */
public class ToListFn<T> extends Combine.CombineFn<T, List<T>, List<T>> {
  private static final long serialVersionUID = 1L;
  private final Coder<T> elementCoder;

  public ToListFn(Coder<T> elementCoder) {
    this.elementCoder = elementCoder;
  }

  @Override
  public List<T> createAccumulator() {
    return new ArrayList<>();
  }

  @Override
  public List<T> addInput(List<T> accumulator, T input) {
    accumulator.add(input);
    return accumulator;
  }

  @Override
  public List<T> mergeAccumulators(Iterable<List<T>> accumulators) {
    List<T> merged = new ArrayList<>();
    accumulators.forEach(merged::addAll);
    return merged;
  }

  @Override
  public List<T> extractOutput(List<T> accumulator) {
    return accumulator;
  }

  @Override
  public Coder<List<T>> getAccumulatorCoder(CoderRegistry registry, Coder<T> inputCoder) {
    return ListCoder.of(elementCoder);
  }

  @Override
  public Coder<List<T>> getDefaultOutputCoder(CoderRegistry registry, Coder<T> inputCoder) {
    return ListCoder.of(elementCoder);
  }
}
