package dev.tributary.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Where a plugin artifact comes from. */
public enum ArtifactType {
  @JsonProperty("maven")
  MAVEN,
  @JsonProperty("url")
  URL
}
