package dev.tributary.operator.events;

import static dev.tributary.operator.events.ProgressTransitionsTest.READY;
import static dev.tributary.operator.events.ProgressTransitionsTest.progressing;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProgressEventsTest {

  final List<String> recorded = new ArrayList<>();
  final ProgressEvents progress =
      new ProgressEvents(
          new Events() {
            @Override
            public void normal(HasMetadata about, String reason, String message) {
              recorded.add(reason + ": " + message);
            }

            @Override
            public void warning(HasMetadata about, String reason, String message) {
              recorded.add(reason + ": " + message);
            }
          });

  static HasMetadata cluster(long generation) {
    return new ConfigMapBuilder()
        .withNewMetadata()
        .withName("pipeline")
        .withUid("u1")
        .withGeneration(generation)
        .endMetadata()
        .build();
  }

  @Test
  void aStartSeenAgainFromAStaleCopyIsNotRecordedTwice() {
    progress.record(cluster(2), READY, progressing("RollingUpdate", "2/2 workers ready"));
    // The next reconcile starts from a cached copy without the status just written.
    progress.record(cluster(2), READY, progressing("RollingUpdate", "1/2 workers ready"));
    progress.record(cluster(2), progressing("RollingUpdate", "2/2 workers ready"), READY);

    assertThat(recorded)
        .containsExactly(
            "RollingUpdateStarted: 2/2 workers ready",
            "RollingUpdateFinished: 3 workers ready, Kafka Connect 4.3.1");
  }

  @Test
  void aSecondRollAfterTheFirstFinishedOrForANewGenerationIsRecorded() {
    progress.record(cluster(2), READY, progressing("RollingUpdate", "a"));
    progress.record(cluster(2), progressing("RollingUpdate", "a"), READY);
    // exactly-once's second phase: the operator rolls again, same generation
    progress.record(cluster(2), READY, progressing("RollingUpdate", "b"));
    // a roll that never finished, then a new spec
    progress.record(cluster(3), READY, progressing("RollingUpdate", "c"));

    assertThat(recorded)
        .containsExactly(
            "RollingUpdateStarted: a",
            "RollingUpdateFinished: 3 workers ready, Kafka Connect 4.3.1",
            "RollingUpdateStarted: b",
            "RollingUpdateStarted: c");
  }
}
