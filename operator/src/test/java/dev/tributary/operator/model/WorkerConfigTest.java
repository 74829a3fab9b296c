package dev.tributary.operator.model;

import static dev.tributary.operator.Fixtures.kafkaConnect;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class WorkerConfigTest {

  private static final ClusterNames NAMES = new ClusterNames("pipeline", "data");

  @Test
  void distributedDefaultsAreDerivedFromNamespaceAndName() {
    var spec =
        kafkaConnect(
                """
                apiVersion: tributary.dev/v1alpha1
                kind: KafkaConnect
                metadata: {name: pipeline, namespace: data}
                spec:
                  bootstrapServers: kafka:9092
                  config:
                    value.converter: org.apache.kafka.connect.storage.StringConverter
                    value.converter.schemas.enable: "false"
                """)
            .getSpec();

    assertThat(WorkerConfig.render(WorkerConfig.properties(NAMES, spec)))
        .isEqualTo(
            """
            # Rendered by the Tributary operator; edit the KafkaConnect instead.
            bootstrap.servers=kafka:9092
            config.providers=secrets
            config.providers.secrets.class=io.strimzi.kafka.KubernetesSecretConfigProvider
            config.storage.replication.factor=-1
            config.storage.topic=data.pipeline-configs
            consumer.heartbeat.interval.ms=1000
            consumer.session.timeout.ms=10000
            group.id=data.pipeline
            heartbeat.interval.ms=1000
            key.converter=org.apache.kafka.connect.json.JsonConverter
            listeners=http://0.0.0.0:8083
            offset.flush.interval.ms=10000
            offset.storage.replication.factor=-1
            offset.storage.topic=data.pipeline-offsets
            plugin.path=/opt/tributary/plugins,/opt/tributary-plugins
            rest.advertised.listener=http
            rest.advertised.port=8083
            rest.extension.classes=dev.tributary.worker.rest.TaskLoadExtension
            scheduled.rebalance.max.delay.ms=0
            status.storage.replication.factor=-1
            status.storage.topic=data.pipeline-status
            value.converter=org.apache.kafka.connect.storage.StringConverter
            value.converter.schemas.enable=false
            """);
  }

  @Test
  void explicitGroupTopicsReplicationAndRebalanceDelayWin() {
    var spec =
        kafkaConnect(
                """
                apiVersion: tributary.dev/v1alpha1
                kind: KafkaConnect
                metadata: {name: pipeline, namespace: data}
                spec:
                  bootstrapServers: a:9092,b:9092
                  groupId: orders-connect
                  rebalanceDelayMs: 15000
                  storage: {configTopic: cfg, replicationFactor: 3}
                  config: {offset.flush.interval.ms: "60000", heartbeat.interval.ms: "3000"}
                """)
            .getSpec();

    assertThat(WorkerConfig.properties(NAMES, spec))
        .containsEntry("heartbeat.interval.ms", "3000")
        .containsEntry("group.id", "orders-connect")
        .containsEntry("config.storage.topic", "cfg")
        .containsEntry("offset.storage.topic", "orders-connect-offsets")
        .containsEntry("status.storage.replication.factor", "3")
        .containsEntry("scheduled.rebalance.max.delay.ms", "15000")
        .containsEntry("bootstrap.servers", "a:9092,b:9092")
        .as("spec.config overrides Tributary's defaults")
        .containsEntry("offset.flush.interval.ms", "60000");
  }

  @Test
  void standaloneKeepsOffsetsInAFileAndHasNoGroup() {
    var spec =
        kafkaConnect(
                """
                apiVersion: tributary.dev/v1alpha1
                kind: KafkaConnect
                metadata: {name: pipeline, namespace: data}
                spec: {bootstrapServers: "kafka:9092", mode: standalone, replicas: 1}
                """)
            .getSpec();

    assertThat(WorkerConfig.properties(NAMES, spec))
        .containsEntry("offset.storage.file.filename", "/var/lib/tributary/offsets/connect.offsets")
        .doesNotContainKeys(
            "group.id",
            "config.storage.topic",
            "scheduled.rebalance.max.delay.ms",
            "heartbeat.interval.ms");
  }

  @Test
  void renderingIsDeterministicAndEscapesLikeJavaProperties() throws Exception {
    var a = new java.util.LinkedHashMap<String, String>();
    a.put("z", "last");
    a.put("a key", "multi\nline = value");
    var b = new java.util.LinkedHashMap<String, String>();
    b.put("a key", "multi\nline = value");
    b.put("z", "last");

    String rendered = WorkerConfig.render(a);
    assertThat(rendered).isEqualTo(WorkerConfig.render(b));
    assertThat(WorkerConfig.hash(rendered)).isEqualTo(WorkerConfig.hash(WorkerConfig.render(b)));

    var parsed = new java.util.Properties();
    parsed.load(new java.io.StringReader(rendered));
    assertThat(parsed)
        .containsExactlyInAnyOrderEntriesOf(Map.of("z", "last", "a key", "multi\nline = value"));
  }

  @Test
  void anyConfigChangeChangesTheHash() {
    assertThat(WorkerConfig.hash("a=1\n")).isNotEqualTo(WorkerConfig.hash("a=2\n"));
    assertThat(WorkerConfig.hash("x", "")).isNotEqualTo(WorkerConfig.hash("", "x"));
  }
}
