package dev.tributary.operator.kafkaconnect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.api.v1alpha1.KafkaConnectStatus;
import dev.tributary.operator.model.ConditionSet;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class WorkerRollTest {

  @Test
  void theReadyConditionSaysWhatTheRollWaitsForAndProgressingKeepsItsMessage() {
    var status = new KafkaConnectStatus();
    status.conditions =
        new ConditionSet(null, 1L, Instant.parse("2026-12-02T10:00:00Z"))
            .set("Ready", false, "RollingUpdate", "2/3 workers ready")
            .set("Progressing", true, "RollingUpdate", "2/3 workers ready")
            .build();

    WorkerRoll.say(status, "every worker is ready");

    assertThat(status.conditions)
        .extracting(c -> c.getType() + ": " + c.getMessage())
        .containsExactly(
            "Ready: 2/3 workers ready; next pod replaced once every worker is ready",
            // the RollingUpdateStarted Event carries this one: it must not vary with the wait
            "Progressing: 2/3 workers ready");
  }
}
