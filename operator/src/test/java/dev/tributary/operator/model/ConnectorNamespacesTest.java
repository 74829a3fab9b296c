package dev.tributary.operator.model;

import static dev.tributary.operator.Fixtures.kafkaConnector;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.api.v1alpha1.KafkaConnect;
import dev.tributary.api.v1alpha1.KafkaConnector;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConnectorNamespacesTest {

  static KafkaConnector connector(String namespace, String name, String ref, String config) {
    return kafkaConnector(
        """
        apiVersion: tributary.dev/v1alpha1
        kind: KafkaConnector
        metadata: {name: %s, namespace: %s}
        spec:
          clusterRef: %s
          class: org.example.Sink
          config: %s
        """
            .formatted(name, namespace, ref, config));
  }

  static KafkaConnect cluster(String selector) {
    return dev.tributary.operator.Fixtures.kafkaConnect(
        """
        apiVersion: tributary.dev/v1alpha1
        kind: KafkaConnect
        metadata: {name: shared, namespace: platform}
        spec:
          bootstrapServers: k:9092
        """
            + (selector == null ? "" : "  connectorNamespaceSelector: " + selector + "\n"));
  }

  @Test
  void aConnectorOfAnotherNamespaceIsNamedAfterItInConnect() {
    var visitor = connector("team-b", "orders", "{name: shared, namespace: platform}", "{}");
    var local = connector("platform", "orders", "{name: shared}", "{}");
    assertThat(ClusterNames.referencedBy(visitor))
        .isEqualTo(new ClusterNames("shared", "platform"));
    assertThat(ClusterNames.connectorName(visitor)).isEqualTo("team-b.orders");
    assertThat(ClusterNames.connectorName(local)).isEqualTo("orders");
    assertThat(ConnectorPlan.desiredConfig(visitor)).containsEntry("name", "team-b.orders");
  }

  @Test
  void onlyNamespacesTheSelectorMatchesMayUseTheCluster() {
    var visitor = connector("team-b", "orders", "{name: shared, namespace: platform}", "{}");
    assertThat(ConnectorNamespaces.notAllowed(visitor, cluster(null), Map.of()))
        .hasValueSatisfying(
            why -> assertThat(why).contains("takes no connectors from other namespaces"));
    var shared = cluster("{matchLabels: {connect: shared}}");
    assertThat(ConnectorNamespaces.needsNamespaceLabels(visitor, shared)).isTrue();
    assertThat(ConnectorNamespaces.notAllowed(visitor, shared, Map.of("connect", "shared")))
        .isEmpty();
    assertThat(ConnectorNamespaces.notAllowed(visitor, shared, Map.of("connect", "other")))
        .hasValueSatisfying(
            why -> assertThat(why).contains("does not take connectors from namespace team-b"));
    assertThat(ConnectorNamespaces.notAllowed(visitor, shared, null)).isPresent();
  }

  @Test
  void selectorsMatchAsKubernetesMatchesThem() {
    var selector =
        new LabelSelectorBuilder()
            .addToMatchLabels("tier", "data")
            .addNewMatchExpression()
            .withKey("env")
            .withOperator("In")
            .withValues("prod", "staging")
            .endMatchExpression()
            .addNewMatchExpression()
            .withKey("frozen")
            .withOperator("DoesNotExist")
            .endMatchExpression()
            .build();
    assertThat(ConnectorNamespaces.matches(selector, Map.of("tier", "data", "env", "prod")))
        .isTrue();
    assertThat(ConnectorNamespaces.matches(selector, Map.of("tier", "data", "env", "dev")))
        .isFalse();
    assertThat(
            ConnectorNamespaces.matches(
                selector, Map.of("tier", "data", "env", "prod", "frozen", "yes")))
        .isFalse();
    assertThat(ConnectorNamespaces.matches(new LabelSelectorBuilder().build(), Map.of()))
        .as("{} matches every namespace")
        .isTrue();
  }

  @Test
  void aVisitorMayNotReadTheClustersSecretsAndLocalNamesCannotLookLikeAVisitors() {
    var shared = cluster("{}");
    var visitor =
        connector(
            "team-b",
            "orders",
            "{name: shared, namespace: platform}",
            "{password: '${secrets:kafka-admin:password}', key: '${directory:/etc/tributary/secrets/connect:password}', topics: t}");
    assertThat(ConnectorNamespaces.problems(visitor, shared))
        .containsExactly(
            "spec.config.key: a connector from another namespace may not use config provider"
                + " references (${...}): the workers would resolve them with the cluster's Secrets"
                + " and files, not this namespace's",
            "spec.config.password: a connector from another namespace may not use config"
                + " provider references (${...}): the workers would resolve them with the"
                + " cluster's Secrets and files, not this namespace's");
    var dotted = connector("platform", "team-b.orders", "{name: shared}", "{}");
    assertThat(ConnectorNamespaces.problems(dotted, shared))
        .singleElement()
        .asString()
        .startsWith("metadata.name: KafkaConnect 'shared' takes connectors from other namespaces");
    assertThat(ConnectorNamespaces.problems(dotted, cluster(null))).isEmpty();
  }
}
