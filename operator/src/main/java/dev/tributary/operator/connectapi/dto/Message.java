package dev.tributary.operator.connectapi.dto;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** A message-only answer, e.g. of {@code PATCH|DELETE .../offsets}. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Message(String message) {}
