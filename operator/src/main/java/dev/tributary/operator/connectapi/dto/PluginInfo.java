package dev.tributary.operator.connectapi.dto;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/** {@code GET /connector-plugins}. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PluginInfo(@JsonProperty("class") String className, String type, String version) {}
