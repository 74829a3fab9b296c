package dev.tributary.operator.connectapi.dto;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * {@code GET /tributary/backlog}, served by Tributary's worker extension: how many of the worker's
 * MBeans matched the patterns asked and carried a number, and their sum.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record WorkerBacklog(int mbeans, double total) {}
