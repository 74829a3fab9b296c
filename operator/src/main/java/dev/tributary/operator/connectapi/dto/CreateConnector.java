package dev.tributary.operator.connectapi.dto;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/** {@code POST /connectors}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CreateConnector(
    String name, Map<String, String> config, @JsonProperty("initial_state") String initialState) {}
