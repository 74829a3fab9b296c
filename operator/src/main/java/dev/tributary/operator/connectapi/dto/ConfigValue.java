package dev.tributary.operator.connectapi.dto;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/** The value part of a validation result: Connect's errors for the key. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ConfigValue(String name, List<String> errors, Boolean visible) {}
