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

  @JsonPropertyDescription("Restarts of the pod's containers, init containers included.")
  public Integer restarts;

  @JsonPropertyDescription("The worker id Connect knows it by (its advertised host and port).")
  public String workerId;

  @JsonPropertyDescription(
      "Ready, Starting, Terminating, or why it does not run: KafkaUnreachable,"
          + " KafkaAuthenticationFailed, KafkaTlsFailed, PluginInstallFailed, WorkerConfigInvalid,"
          + " InitContainerFailed, CrashLoopBackOff, OOMKilled, ImagePullFailed, Unschedulable. A"
          + " worker that failed keeps that reason while it is restarted, until it is ready.")
  public String reason;

  @JsonPropertyDescription(
      "The cause in one line and what to check: from the container's termination message (the"
          + " error line the worker and fetch-plugins leave), with the exit code where it helps.")
  public String message;
}
