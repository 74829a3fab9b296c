package dev.tributary.worker.plugins;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.tributary.contract.SpecRules;
import java.util.List;
import java.util.regex.Pattern;

/** One plugin of a KafkaConnect's {@code spec.plugins}: a name and the artifacts that make it. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PluginSpec(String name, List<ArtifactSpec> artifacts) {

  private static final Pattern NAME = Pattern.compile(SpecRules.PLUGIN_NAME);

  /** Throws a {@link PluginInstallException} naming the field when the spec cannot be installed. */
  public void validate() {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new PluginInstallException(
          "plugin name '" + name + "' is invalid: " + SpecRules.PLUGIN_NAME_MESSAGE);
    }
    if (artifacts == null || artifacts.isEmpty()) {
      throw new PluginInstallException("plugin '" + name + "' lists no artifacts");
    }
    artifacts.forEach(artifact -> artifact.validate(name));
  }
}
