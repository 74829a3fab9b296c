package dev.tributary.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** A config field Connect's validation rejected. */
public class ConfigError {
  @JsonPropertyDescription("The config key.")
  public String field;

  @JsonPropertyDescription("Connect's message.")
  public String message;
}
