package gov.austintexas.atd.standins.demo;

import java.util.List;

/**
 * One setting that points a pipeline at an emulated service: its option, the environment variable
 * the old scripts read it from, and the emulated value. The demo passes options; the sandbox prints
 * variables to paste into a shell.
 */
public record EmulatedSetting(String option, String variable, String value) {

  /** {@code --option=value}. */
  public String asOption() {
    return "--" + option + "=" + value;
  }

  /** {@code export VARIABLE=value}. */
  public String asExport() {
    return "export " + variable + "=" + value;
  }

  static List<String> asOptions(List<EmulatedSetting> settings) {
    return settings.stream().map(EmulatedSetting::asOption).toList();
  }
}
