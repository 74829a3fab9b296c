package dev.tributary.operator.connectapi.dto;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/** {@code GET /connectors/{c}/status}. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ConnectorStatus(
    String name, StateInfo connector, List<StateInfo> tasks, String type) {}
