package dev.tributary.operator.connectapi.dto;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/** {@code GET /}. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ServerInfo(
    String version, String commit, @JsonProperty("kafka_cluster_id") String kafkaClusterId) {}
