package dev.tributary.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** One worker pod as the operator sees it: ready or not, and why not. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class WorkerStatus {
  @JsonPropertyDescription("The worker's pod.")
  public String pod;

  @JsonPropertyDescription("Whether the pod is ready: Connect's /health answers.")
  public Boolean ready;

  @JsonPropertyDescription("Restarts of the worker container.")
  public Integer restarts;

  @JsonPropertyDescription("The worker id Connect knows it by (its advertised host and port).")
  public String workerId;

  @JsonPropertyDescription(
      "Ready, Starting, Terminating, or why it does not run: InitContainerFailed, CrashLoopBackOff,"
          + " OOMKilled, ImagePullFailed, Unschedulable.")
  public String reason;

  @JsonPropertyDescription(
      "What the kubelet reports for that reason: exit code and the container's termination"
          + " message (for fetch-plugins, why a plugin could not be installed).")
  public String message;
}
