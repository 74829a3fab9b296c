package dev.tributary.operator.connectapi.dto;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/** {@code GET /connectors/{c}/topics}: the connector's active topics. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ActiveTopics(List<String> topics) {}
