package dev.tributary.operator.kafkaconnector;

import static dev.tributary.operator.Fixtures.kafkaConnector;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.api.v1alpha1.KafkaConnectorStatus;
import dev.tributary.operator.model.ClusterTerms;
import org.junit.jupiter.api.Test;

class ConnectorEventsTest {

  @Test
  void tasksLimitedIsSaidOncePerPartitionCountAndSpec() {
    var cr =
        kafkaConnector(
            """
            apiVersion: tributary.dev/v1alpha1
            kind: KafkaConnector
            metadata: {name: orders, namespace: data}
            spec: {clusterRef: {name: pipeline}, class: org.example.Sink, tasksMax: 2}
            """);
    cr.getMetadata().setGeneration(3L);
    var onePartition = new ClusterTerms(null, 1, null);

    assertThat(ConnectorEvents.tasksLimited(cr, onePartition))
        .hasValueSatisfying(
            notice -> {
              assertThat(notice.reason()).isEqualTo("TasksLimited");
              assertThat(notice.message())
                  .isEqualTo(
                      "spec.tasksMax is 2 but the sink's topics have 1 partition: Connect runs at"
                          + " most 1 task (another would get no partition)");
            });

    cr.setStatus(new KafkaConnectorStatus());
    cr.getStatus().maxUsefulTasks = 1;
    cr.getStatus().observedGeneration = 3L;
    assertThat(ConnectorEvents.tasksLimited(cr, onePartition)).as("said already").isEmpty();
    cr.getMetadata().setGeneration(4L);
    assertThat(ConnectorEvents.tasksLimited(cr, onePartition)).as("the spec changed").isPresent();
    assertThat(ConnectorEvents.tasksLimited(cr, new ClusterTerms(null, 2, null)))
        .as("enough partitions")
        .isEmpty();
  }
}
