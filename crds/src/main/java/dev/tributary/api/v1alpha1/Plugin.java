package dev.tributary.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.tributary.contract.SpecRules;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import java.util.List;

/** One plugin: a directory on the plugin path, made of one or more artifacts. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class Plugin {
  @JsonPropertyDescription("Plugin directory name: lower-case letters, digits, '.', '_' and '-'.")
  @Required
  @Pattern(SpecRules.PLUGIN_NAME)
  public String name;

  @JsonPropertyDescription("Artifacts installed into the plugin's directory.")
  @Required
  @Size(min = 1, max = 50)
  public List<PluginArtifact> artifacts;
}
