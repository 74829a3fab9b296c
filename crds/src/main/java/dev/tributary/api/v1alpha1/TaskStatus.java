package dev.tributary.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** One task of a connector. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class TaskStatus {
  @JsonPropertyDescription("Task id.")
  public Integer id;

  @JsonPropertyDescription(
      "RUNNING, PAUSED, FAILED, UNASSIGNED, RESTARTING, or ORPHANED (Connect says RUNNING, but its worker is gone).")
  public String state;

  @JsonPropertyDescription("Worker running the task.")
  public String workerId;

  @JsonPropertyDescription("First line of the failure trace, if the task failed.")
  public String trace;
}
