package gov.austintexas.atd.pipelines;

import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.PipelineOptions;

/** Where an operator's edited configuration lives, taken over the files packed into the jar. */
public interface ConfigDirOptions extends PipelineOptions {
  @Description(
      "A folder in src/'s layout (finance/record-types.json, finance/sql/*.sql,"
          + " finance/knack-field-maps.json, bond/sources.json, bond/reports.json, bond/ddl.sql,"
          + " bond/calculations/*.sql): a file present there replaces the packed one, so a change"
          + " needs no rebuild. Default: the variable ATD_CONFIG_DIR, else the packed files only."
          + " Check a folder with the validate-config command.")
  String getConfigDir();

  void setConfigDir(String value);
}
