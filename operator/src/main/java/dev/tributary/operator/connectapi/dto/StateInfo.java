package dev.tributary.operator.connectapi.dto;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/** The connector or one task, as {@code /status} reports it. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record StateInfo(
    Integer id,
    String state,
    @JsonProperty("worker_id") String workerId,
    String trace,
    String version) {
  public StateInfo(Integer id, String state, String workerId, String trace) {
    this(id, state, workerId, trace, null);
  }
}
