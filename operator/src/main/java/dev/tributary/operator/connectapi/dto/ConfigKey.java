package dev.tributary.operator.connectapi.dto;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/** One config key a plugin defines ({@code GET /connector-plugins/{p}/config}). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ConfigKey(
    String name,
    String type,
    Boolean required,
    @JsonProperty("default_value") String defaultValue,
    String importance,
    String documentation,
    String group) {}
