package dev.tributary.operator.connectapi.dto;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** {@code GET /health}. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Health(String status, String message) {}
