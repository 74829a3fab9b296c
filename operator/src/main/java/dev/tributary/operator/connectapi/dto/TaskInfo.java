package dev.tributary.operator.connectapi.dto;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.Map;

/** {@code GET /connectors/{c}/tasks}. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record TaskInfo(TaskId id, Map<String, String> config) {}
