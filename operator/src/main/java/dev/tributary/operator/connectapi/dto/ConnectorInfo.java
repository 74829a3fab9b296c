package dev.tributary.operator.connectapi.dto;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;
import java.util.Map;

/** {@code GET /connectors/{c}}. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ConnectorInfo(
    String name, Map<String, String> config, List<TaskId> tasks, String type) {}
