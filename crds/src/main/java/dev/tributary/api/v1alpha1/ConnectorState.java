package dev.tributary.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The state a connector should be in. */
public enum ConnectorState {
  @JsonProperty("running")
  RUNNING,
  @JsonProperty("paused")
  PAUSED,
  @JsonProperty("stopped")
  STOPPED
}
