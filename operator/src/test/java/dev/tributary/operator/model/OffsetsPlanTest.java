package dev.tributary.operator.model;

import static dev.tributary.operator.Fixtures.kafkaConnector;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tributary.api.v1alpha1.KafkaConnector;
import dev.tributary.api.v1alpha1.KafkaConnectorStatus;
import dev.tributary.operator.model.OffsetsPlan.Kind;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OffsetsPlanTest {

  static KafkaConnector connector(String offsets) {
    return kafkaConnector(
        """
        apiVersion: tributary.dev/v1alpha1
        kind: KafkaConnector
        metadata: {name: src, namespace: data}
        spec:
          clusterRef: {name: pipeline}
          class: org.example.Source
          offsets: %s
        """
            .formatted(offsets));
  }

  static KafkaConnector reconciled(KafkaConnector cr) {
    cr.setStatus(new KafkaConnectorStatus());
    return cr;
  }

  @Test
  void aResetComesFirstThenTheAlterAndEachOnlyOncePerTrigger() {
    var cr =
        reconciled(connector("{reset: {trigger: r1}, alter: {trigger: a1, fromConfigMap: start}}"));

    var first = OffsetsPlan.due(cr, true).orElseThrow();
    assertThat(first.kind()).isEqualTo(Kind.RESET);
    cr.getStatus().offsets = OffsetsPlan.done(cr, first, "reset");

    var second = OffsetsPlan.due(cr, true).orElseThrow();
    assertThat(second).isEqualTo(new OffsetsPlan.Operation(Kind.ALTER, "a1", "start"));
    cr.getStatus().offsets = OffsetsPlan.done(cr, second, "altered");

    assertThat(OffsetsPlan.due(cr, true)).as("the same manifest again does nothing").isEmpty();
    assertThat(cr.getStatus().offsets.lastResetTrigger).isEqualTo("r1");
    assertThat(cr.getStatus().offsets.lastAlterTrigger).isEqualTo("a1");
    assertThat(cr.getStatus().offsets.inProgress).isNull();
  }

  @Test
  void aNewConnectorStartsFromItsOffsetsButARecreatedObjectRewindsNothing() {
    var brandNew = connector("{alter: {trigger: a1, fromConfigMap: start}}");
    assertThat(OffsetsPlan.due(brandNew, false)).isPresent();

    var recreated = connector("{alter: {trigger: a1, fromConfigMap: start}}");
    assertThat(OffsetsPlan.adopts(recreated, true)).isTrue();
    assertThat(OffsetsPlan.due(recreated, true)).isEmpty();
    assertThat(OffsetsPlan.adopted(recreated).lastAlterTrigger).isEqualTo("a1");
  }

  @Test
  void whileDueTheConnectorIsHeldStoppedAndStatusSaysWhy() {
    var cr = reconciled(connector("{reset: {trigger: r2}}"));
    var op = OffsetsPlan.due(cr, true).orElseThrow();
    assertThat(OffsetsPlan.inProgress(cr, op).inProgress).isEqualTo("reset r2");
  }

  @Test
  void aListingThatWouldOverwriteTheOffsetsToSetIsRefused() {
    var cr = connector("{listInto: same, alter: {trigger: a1, fromConfigMap: same}}");
    assertThat(ConnectorSpecValidation.problems(cr.getSpec()))
        .singleElement()
        .asString()
        .startsWith(
            "spec.offsets.listInto and spec.offsets.alter.fromConfigMap name the same ConfigMap");
  }

  @Test
  void badOffsetsAreNamed() {
    assertThatThrownBy(() -> OffsetsPlan.parse("start", null))
        .hasMessage("ConfigMap 'start' has no key offsets.json with the offsets to set");
    assertThatThrownBy(() -> OffsetsPlan.parse("start", "{nope"))
        .hasMessageStartingWith("ConfigMap 'start' key offsets.json is not JSON");
    assertThatThrownBy(() -> OffsetsPlan.parse("start", "{\"offsets\": []}"))
        .hasMessageContaining("lists no offsets");
    assertThat(
            OffsetsPlan.parse(
                    "start",
                    "{\"offsets\": [{\"partition\": {\"filename\": \"/in\"},"
                        + " \"offset\": {\"position\": 7}}]}")
                .offsets())
        .singleElement()
        .satisfies(o -> assertThat(o.offset()).containsEntry("position", 7));
  }

  @Test
  void aResetOnDeleteStopsTheConnectorThenResetsThenDeletes() {
    var reset = connector("{resetOnDelete: true}");
    var keep = connector("{resetOnDelete: false}");

    assertThat(OffsetsPlan.onDelete(reset, Optional.of("RUNNING")))
        .isEqualTo(OffsetsPlan.DeleteStep.STOP);
    assertThat(OffsetsPlan.onDelete(reset, Optional.of("PAUSED")))
        .isEqualTo(OffsetsPlan.DeleteStep.STOP);
    assertThat(OffsetsPlan.onDelete(reset, Optional.of("STOPPED")))
        .isEqualTo(OffsetsPlan.DeleteStep.RESET_THEN_DELETE);
    assertThat(OffsetsPlan.onDelete(reset, Optional.empty()))
        .as("gone from Connect: nothing left to reset")
        .isEqualTo(OffsetsPlan.DeleteStep.DELETE);
    assertThat(OffsetsPlan.onDelete(keep, Optional.of("RUNNING")))
        .isEqualTo(OffsetsPlan.DeleteStep.DELETE);
  }
}
