package dev.tributary.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.tributary.contract.SpecRules;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.ValidationRule;

/**
 * How the operator sizes a cluster to its sink connectors' load: tasks per connector and workers,
 * decided together from the consumer groups' lag and measured rates.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value = SpecRules.AUTOSCALING_RANGE_RULE,
    message = SpecRules.AUTOSCALING_RANGE_MESSAGE,
    reason = "FieldValueInvalid")
public class Autoscaling {

  @JsonPropertyDescription(
      "true: the operator sets each sink connector's tasks (up to its spec.tasksMax and its topics'"
          + " partitions) and spec.replicas (through the scale subresource, as an HPA would)."
          + " false (default): it only recommends, in status.autoscaling and each KafkaConnector's"
          + " status.recommendedTasks.")
  @Default("false")
  public Boolean enabled = false;

  @JsonPropertyDescription("Fewest workers. Default 1.")
  @Min(1)
  @Max(100)
  @Default("1")
  public Integer minReplicas = 1;

  @JsonPropertyDescription("Most workers. Default 10.")
  @Min(1)
  @Max(100)
  @Default("10")
  public Integer maxReplicas = 10;

  @JsonPropertyDescription(
      "Busy tasks one worker runs before another worker is added. Default 2; raise it for light"
          + " tasks or workers with several CPUs.")
  @Min(1)
  @Max(100)
  @Default("2")
  public Integer tasksPerWorker = 2;

  @JsonPropertyDescription(
      "How soon a sink should clear its consumer-group lag, in seconds: tasks are planned for the"
          + " input rate plus lag / lagSeconds. Default 60.")
  @Min(5)
  @Default("60")
  public Integer lagSeconds = 60;

  @JsonPropertyDescription(
      "Records per second one task of a sink moves, when known. Absent (default): measured, from"
          + " the rate the tasks moved records while they had a backlog.")
  @Min(1)
  public Integer recordsPerSecondPerTask;

  @JsonPropertyDescription(
      "Percent of a task's rate to plan for, leaving headroom for bursts. Default 80.")
  @Min(10)
  @Max(100)
  @Default("80")
  public Integer targetUtilizationPercent = 80;

  @JsonPropertyDescription(
      "Keep the workers' average process CPU at or below this percent of their processors, adding"
          + " workers (never more than tasks) while it is above. Absent (default): CPU is not a"
          + " signal; the workers follow from the tasks.")
  @Min(10)
  @Max(100)
  public Integer targetCpuPercent;

  @JsonPropertyDescription(
      "Scale in only after the load has stayed low this many seconds (the highest recommendation"
          + " of that window is used). Default 300.")
  @Min(0)
  @Default("300")
  public Integer scaleInAfterSeconds = 300;

  @JsonPropertyDescription(
      "Seconds to wait after a rebalance ends (every worker ready, every task running) before the"
          + " next change, so rates are measured on the new layout. Default 60.")
  @Min(0)
  @Default("60")
  public Integer cooldownSeconds = 60;
}
