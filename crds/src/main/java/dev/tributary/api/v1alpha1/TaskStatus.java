package dev.tributary.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** One task of a connector. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class TaskStatus {
  @JsonPropertyDescription("Task id.")
  public Integer id;

  @JsonPropertyDescription(
      "RUNNING, PAUSED, STOPPED, FAILED, UNASSIGNED, RESTARTING, or ORPHANED (Connect says"
          + " RUNNING, but its worker is gone).")
  public ConnectState state;

  @JsonPropertyDescription("Worker running the task.")
  public String workerId;

  @JsonPropertyDescription(
      "Why the task failed: the first line of its trace and the root cause (the last `Caused by:`"
          + " line), each truncated.")
  public String trace;
}
