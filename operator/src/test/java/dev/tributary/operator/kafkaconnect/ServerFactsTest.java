package dev.tributary.operator.kafkaconnect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.operator.connectapi.dto.PluginInfo;
import dev.tributary.operator.connectapi.dto.ServerInfo;
import dev.tributary.operator.model.ClusterNames;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ServerFactsTest {

  static final Instant NOW = Instant.parse("2026-12-02T01:00:00Z");
  static final ClusterNames CLUSTER = new ClusterNames("pipeline", "data");
  static final ServerInfo SERVER = new ServerInfo("4.1.0", "abc", "kafka-1");
  static final List<PluginInfo> PLUGINS =
      List.of(new PluginInfo("org.example.Source", "source", "1.0"));

  static StatefulSet workers(String revision, int ready) {
    return new StatefulSetBuilder()
        .withNewStatus()
        .withObservedGeneration(3L)
        .withCurrentRevision(revision)
        .withUpdateRevision(revision)
        .withReadyReplicas(ready)
        .endStatus()
        .build();
  }

  @Test
  void reconcilesBetweenRefreshesReuseWhatTheSameWorkersSaid() {
    var facts = new ServerFacts(Duration.ofSeconds(30));
    facts.record(CLUSTER, workers("r1", 2), SERVER, PLUGINS, NOW);

    var reused = facts.reusable(CLUSTER, workers("r1", 2), NOW.plusSeconds(14));
    assertThat(reused).isPresent();
    assertThat(reused.get().server()).isEqualTo(SERVER);
    assertThat(reused.get().plugins()).isEqualTo(PLUGINS);
  }

  @Test
  void thePeriodicRefreshAlwaysAsksAgain() {
    var facts = new ServerFacts(Duration.ofSeconds(30));
    facts.record(CLUSTER, workers("r1", 2), SERVER, PLUGINS, NOW);

    assertThat(facts.reusable(CLUSTER, workers("r1", 2), NOW.plusSeconds(15)))
        .as("half the poll interval: the next scheduled reconcile, 30 s on, never reuses")
        .isEmpty();
  }

  @Test
  void changedWorkersAreAskedAgainAtOnce() {
    var facts = new ServerFacts(Duration.ofSeconds(30));
    facts.record(CLUSTER, workers("r1", 2), SERVER, PLUGINS, NOW);

    assertThat(facts.reusable(CLUSTER, workers("r2", 2), NOW.plusSeconds(1)))
        .as("a roll may bring other plugins or another version")
        .isEmpty();
    assertThat(facts.reusable(CLUSTER, workers("r1", 1), NOW.plusSeconds(1)))
        .as("a worker went")
        .isEmpty();
    assertThat(facts.reusable(CLUSTER, null, NOW.plusSeconds(1))).isEmpty();
  }

  @Test
  void aFailedCallForgetsTheAnswer() {
    var facts = new ServerFacts(Duration.ofSeconds(30));
    facts.record(CLUSTER, workers("r1", 2), SERVER, PLUGINS, NOW);
    facts.forget(CLUSTER);

    assertThat(facts.reusable(CLUSTER, workers("r1", 2), NOW.plusSeconds(1))).isEmpty();
  }
}
