package dev.tributary.operator.connectapi.dto;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** A task's id. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record TaskId(String connector, int task) {}
