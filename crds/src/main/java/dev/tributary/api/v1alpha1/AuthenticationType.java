package dev.tributary.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The ways Tributary's workers can authenticate to Kafka. */
public enum AuthenticationType {
  @JsonProperty("tls")
  TLS,
  @JsonProperty("scram-sha-256")
  SCRAM_SHA_256,
  @JsonProperty("scram-sha-512")
  SCRAM_SHA_512,
  @JsonProperty("plain")
  PLAIN,
  @JsonProperty("oauth")
  OAUTH
}
