package dev.tributary.operator.connectapi.dto;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** One entry of {@code GET /connectors?expand=status&expand=info}. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ConnectorOverview(ConnectorInfo info, ConnectorStatus status) {}
