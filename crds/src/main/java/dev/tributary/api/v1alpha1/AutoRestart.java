package dev.tributary.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Min;

/** Automatic restarts of a FAILED connector or task. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class AutoRestart {
  @JsonPropertyDescription("Restart FAILED connectors and tasks. Default: true.")
  @Default("true")
  public Boolean enabled = true;

  @JsonPropertyDescription(
      "Give up after this many restarts in a row without a healthy period. Default: unlimited.")
  @Min(0)
  public Integer maxRestarts;
}
