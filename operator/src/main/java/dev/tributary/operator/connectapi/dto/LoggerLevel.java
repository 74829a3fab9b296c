package dev.tributary.operator.connectapi.dto;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/** A logger's level ({@code GET /admin/loggers}). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record LoggerLevel(String level, @JsonProperty("last_modified") Long lastModified) {}
