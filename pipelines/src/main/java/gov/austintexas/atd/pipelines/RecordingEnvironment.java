package gov.austintexas.atd.pipelines;

import java.util.AbstractMap;
import java.util.Map;
import java.util.Set;

/**
 * The launcher's environment as the pipelines see it: the variables themselves, plus the current
 * run's {@link SettingSources}, in which {@link Settings} notes each setting a variable filled.
 */
final class RecordingEnvironment extends AbstractMap<String, String> {
  private final Map<String, String> variables;
  private SettingSources sources = new SettingSources();

  RecordingEnvironment(Map<String, String> variables) {
    this.variables = variables;
  }

  /** Starts recording for a new run (the launcher runs one at a time). */
  SettingSources startRun() {
    sources = new SettingSources();
    return sources;
  }

  SettingSources sources() {
    return sources;
  }

  @Override
  public String get(Object name) {
    return variables.get(name);
  }

  @Override
  public boolean containsKey(Object name) {
    return variables.containsKey(name);
  }

  @Override
  public Set<Entry<String, String>> entrySet() {
    return variables.entrySet();
  }
}
