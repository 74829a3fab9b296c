package dev.tributary.operator.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.api.v1alpha1.KafkaConnectStatus;
import org.junit.jupiter.api.Test;

class ExactlyOnceSourceTest {

  static KafkaConnectStatus running(String phase) {
    var status = new KafkaConnectStatus();
    status.exactlyOnceSource = phase;
    return status;
  }

  @Test
  void turnedOnItIsPreparingEverywhereFirstThenEnabled() {
    var on = WorkerResourcesTest.spec("bootstrapServers: k:9092\nexactlyOnceSource: true");
    assertThat(ExactlyOnceSource.phaseToRun(on, null)).isEqualTo("preparing");
    assertThat(ExactlyOnceSource.phaseToRun(on, running("disabled"))).isEqualTo("preparing");
    assertThat(ExactlyOnceSource.phaseToRun(on, running("preparing"))).isEqualTo("enabled");
    assertThat(ExactlyOnceSource.phaseToRun(on, running("enabled"))).isEqualTo("enabled");
  }

  @Test
  void offItIsDisabledInOneStepAndNeverTouchedIfItWasNeverOn() {
    var off = WorkerResourcesTest.spec("bootstrapServers: k:9092");
    assertThat(ExactlyOnceSource.phaseToRun(off, null))
        .as("Connect's default, and no roll for clusters that never had it")
        .isNull();
    assertThat(ExactlyOnceSource.phaseToRun(off, running("enabled"))).isEqualTo("disabled");
    assertThat(ExactlyOnceSource.phaseToRun(off, running("disabled"))).isEqualTo("disabled");
  }

  @Test
  void thePhaseGoesIntoTheWorkerPropertiesAndSoRollsTheWorkers() {
    var names = new ClusterNames("pipeline", "data");
    var spec = WorkerResourcesTest.spec("bootstrapServers: k:9092\nexactlyOnceSource: true");
    var preparing = WorkerResources.configMap(names, spec, new java.util.TreeMap<>(), "preparing");
    var enabled = WorkerResources.configMap(names, spec, new java.util.TreeMap<>(), "enabled");
    assertThat(preparing.getData().get("worker.properties"))
        .contains("exactly.once.source.support=preparing");
    assertThat(WorkerResources.configHash(preparing))
        .isNotEqualTo(WorkerResources.configHash(enabled));
    assertThat(
            WorkerResources.configMap(names, WorkerResourcesTest.spec("bootstrapServers: k:9092"))
                .getData()
                .get("worker.properties"))
        .doesNotContain("exactly.once.source.support");
  }
}
