package dev.tributary.operator.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ReadyTransitionsTest {

  static final Set<String> FAILURES = Set.of("TasksFailed", "InvalidSpec", "KafkaUnreachable");

  static List<Condition> ready(String status, String reason, String message) {
    return List.of(
        new ConditionBuilder()
            .withType("Ready")
            .withStatus(status)
            .withReason(reason)
            .withMessage(message)
            .build());
  }

  @Test
  void turningToAFailureIsAWarningAndRecoveringIsNormal() {
    var failing = ready("False", "TasksFailed", "task 0 FAILED: boom");

    assertThat(ReadyTransitions.between(ready("True", "Ready", "ok"), failing, FAILURES))
        .contains(new Notice(true, "TasksFailed", "task 0 FAILED: boom"));
    assertThat(ReadyTransitions.between(failing, ready("True", "Ready", "all RUNNING"), FAILURES))
        .contains(new Notice(false, "Ready", "all RUNNING"));
  }

  @Test
  void aStateThatLastsOrProgressIsNoEvent() {
    var failing = ready("False", "TasksFailed", "task 0 FAILED: boom");

    assertThat(ReadyTransitions.between(failing, failing, FAILURES)).isEmpty();
    assertThat(
            ReadyTransitions.between(
                ready("False", "Creating", ""), ready("False", "Starting", ""), FAILURES))
        .isEmpty();
    assertThat(
            ReadyTransitions.between(
                ready("False", "Starting", ""), ready("True", "Ready", "ok"), FAILURES))
        .as("becoming Ready the first time is what kubectl get shows; no Event")
        .isEmpty();
    assertThat(ReadyTransitions.between(null, failing, FAILURES)).isPresent();
  }

  @Test
  void aFailureThatRepeatsIsTheSameEventAgainWithoutItsRestartCount() {
    var first =
        ready("False", "KafkaUnreachable", "cannot reach Kafka (pod p-0; 0/1 workers ready)");
    var again =
        ready(
            "False",
            "KafkaUnreachable",
            "cannot reach Kafka (pod p-0, restarted 2 times; 0/1 workers ready)");

    assertThat(ReadyTransitions.between(null, first, FAILURES))
        .contains(new Notice(true, "KafkaUnreachable", "cannot reach Kafka"));
    assertThat(ReadyTransitions.between(first, again, FAILURES, true))
        .contains(new Notice(true, "KafkaUnreachable", "cannot reach Kafka"));
    assertThat(ReadyTransitions.between(first, again, FAILURES, false)).isEmpty();
    var rolling =
        ready(
            "False",
            "KafkaUnreachable",
            "cannot reach Kafka (pod p-0, restarted 3 times; 0/1 workers ready); next pod replaced"
                + " once every worker is ready");
    assertThat(ReadyTransitions.between(again, rolling, FAILURES, true))
        .contains(new Notice(true, "KafkaUnreachable", "cannot reach Kafka"));
    assertThat(
            ReadyTransitions.between(
                ready("True", "Ready", "ok"), ready("True", "Ready", "ok"), FAILURES, true))
        .isEmpty();
  }
}
