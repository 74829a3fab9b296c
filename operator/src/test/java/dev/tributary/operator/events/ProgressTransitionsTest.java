package dev.tributary.operator.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProgressTransitionsTest {

  static Condition condition(String type, String status, String reason, String message) {
    return new ConditionBuilder()
        .withType(type)
        .withStatus(status)
        .withReason(reason)
        .withMessage(message)
        .build();
  }

  static List<Condition> progressing(String reason, String message) {
    return List.of(
        condition("Ready", "False", reason, message),
        condition("Progressing", "True", reason, message));
  }

  static final List<Condition> READY =
      List.of(
          condition("Ready", "True", "Ready", "3 workers ready, Kafka Connect 4.3.1"),
          condition("Progressing", "False", "Ready", ""));

  @Test
  void scalingAndRollingUpdatesSayWhenTheyStartAndFinish() {
    var scaling = progressing("Scaling", "2/3 workers ready; 1 starting");
    var rolling = progressing("RollingUpdate", "1/3 workers updated");

    assertThat(ProgressTransitions.between(READY, scaling))
        .contains(new Notice(false, "ScalingStarted", "2/3 workers ready; 1 starting"));
    assertThat(ProgressTransitions.between(scaling, READY))
        .contains(new Notice(false, "ScalingFinished", "3 workers ready, Kafka Connect 4.3.1"));
    assertThat(ProgressTransitions.between(READY, rolling))
        .contains(new Notice(false, "RollingUpdateStarted", "1/3 workers updated"));
    assertThat(ProgressTransitions.between(rolling, READY))
        .contains(
            new Notice(false, "RollingUpdateFinished", "3 workers ready, Kafka Connect 4.3.1"));
    assertThat(ProgressTransitions.between(scaling, rolling))
        .as("a scale that turns into a roll")
        .contains(new Notice(false, "RollingUpdateStarted", "1/3 workers updated"));
  }

  @Test
  void progressThatLastsStartingWorkersAndAFailedEndAreNoEvent() {
    var scaling = progressing("Scaling", "2/3 workers ready");
    var crashing =
        List.of(
            condition("Ready", "False", "CrashLoopBackOff", "pod x: exit 1"),
            condition("Progressing", "True", "Scaling", "2/3"));
    var failed =
        List.of(
            condition("Ready", "False", "CrashLoopBackOff", "pod x: exit 1"),
            condition("Progressing", "False", "CrashLoopBackOff", ""));

    assertThat(ProgressTransitions.between(scaling, progressing("Scaling", "3/3 workers ready")))
        .isEmpty();
    assertThat(ProgressTransitions.between(null, progressing("WorkersStarting", "0/2"))).isEmpty();
    assertThat(ProgressTransitions.between(scaling, crashing)).isEmpty();
    assertThat(ProgressTransitions.between(crashing, failed))
        .as("the failure is ReadyTransitions' Warning, not a finish")
        .isEmpty();
    assertThat(ProgressTransitions.between(READY, READY)).isEmpty();
  }
}
