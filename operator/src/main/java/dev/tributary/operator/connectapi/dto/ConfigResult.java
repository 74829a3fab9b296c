package dev.tributary.operator.connectapi.dto;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;

/** One key's result in a validation. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ConfigResult(JsonNode definition, ConfigValue value) {}
