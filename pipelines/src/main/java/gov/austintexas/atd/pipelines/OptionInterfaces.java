package gov.austintexas.atd.pipelines;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The options interfaces behind an options object or interface: the given ones and all they extend.
 */
final class OptionInterfaces {
  private OptionInterfaces() {}

  static Set<Class<?>> of(Class<?>... roots) {
    Set<Class<?>> seen = new LinkedHashSet<>();
    Deque<Class<?>> pending = new ArrayDeque<>(List.of(roots));
    while (!pending.isEmpty()) {
      Class<?> type = pending.pop();
      if (seen.add(type)) {
        pending.addAll(List.of(type.getInterfaces()));
      }
    }
    return seen;
  }
}
