package dev.tributary.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Kafka Connect's two modes. */
public enum ConnectMode {
  @JsonProperty("distributed")
  DISTRIBUTED,
  @JsonProperty("standalone")
  STANDALONE
}
