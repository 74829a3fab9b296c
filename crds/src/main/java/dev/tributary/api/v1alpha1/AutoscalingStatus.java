package dev.tributary.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** What the autoscaler recommends and last did. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class AutoscalingStatus {

  @JsonPropertyDescription("Workers the autoscaler recommends for the current load.")
  public Integer recommendedReplicas;

  @JsonPropertyDescription(
      "The recommendation and why, in one line: e.g. `3 workers: sink orders-sink 5 tasks (lag"
          + " 12000, in 900/s, a task moves 200/s)`.")
  public String recommendation;

  @JsonPropertyDescription(
      "Why the recommendation is not applied now, when it differs from what runs: autoscaling is"
          + " off, a rebalance is under way, the cool-down, or a scale-in waiting for sustained"
          + " low load.")
  public String holding;

  @JsonPropertyDescription("When the autoscaler last changed the cluster.")
  public String lastScaleTime;

  @JsonPropertyDescription("What the autoscaler last changed, with its numbers.")
  public String lastScale;
}
