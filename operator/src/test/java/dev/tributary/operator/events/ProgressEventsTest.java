package dev.tributary.operator.events;

import static dev.tributary.operator.events.ProgressTransitionsTest.READY;
import static dev.tributary.operator.events.ProgressTransitionsTest.progressing;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProgressEventsTest {

  final List<String> recorded = new ArrayList<>();
  Instant now = Instant.parse("2026-12-02T10:00:00Z");
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
          },
          new Clock() {
            @Override
            public ZoneId getZone() {
              return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
              return this;
            }

            @Override
            public Instant instant() {
              return now;
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
    // The next reconcile starts from a cached copy without the status just written, which may
    // even be older than the spec change.
    progress.record(cluster(1), READY, progressing("RollingUpdate", "1/2 workers ready"));
    progress.record(cluster(2), progressing("RollingUpdate", "2/2 workers ready"), READY);

    assertThat(recorded)
        .containsExactly(
            "RollingUpdateStarted: 2/2 workers ready",
            "RollingUpdateFinished: 3 workers ready, Kafka Connect 4.3.1");
  }

  @Test
  void aSecondRollAfterTheFirstFinishedOrAMinuteLaterIsRecorded() {
    progress.record(cluster(2), READY, progressing("RollingUpdate", "a"));
    progress.record(cluster(2), progressing("RollingUpdate", "a"), READY);
    // exactly-once's second phase: the operator rolls again, same generation
    progress.record(cluster(2), READY, progressing("RollingUpdate", "b"));
    // a roll that never finished, then another one later
    now = now.plus(ProgressEvents.REPEAT_WINDOW);
    progress.record(cluster(3), READY, progressing("RollingUpdate", "c"));

    assertThat(recorded)
        .containsExactly(
            "RollingUpdateStarted: a",
            "RollingUpdateFinished: 3 workers ready, Kafka Connect 4.3.1",
            "RollingUpdateStarted: b",
            "RollingUpdateStarted: c");
  }
}
