package dev.tributary.operator.connectapi.dto;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** {@code PUT /connector-plugins/{p}/config/validate}. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ConfigValidation(
    String name,
    @JsonProperty("error_count") int errorCount,
    List<String> groups,
    List<ConfigResult> configs) {}
