package dev.tributary.operator.kafkaconnector;

import dev.tributary.api.Tributary;
import dev.tributary.api.v1alpha1.ConnectState;
import dev.tributary.api.v1alpha1.KafkaConnector;
import dev.tributary.api.v1alpha1.OffsetsStatus;
import dev.tributary.operator.connectapi.ConnectApi;
import dev.tributary.operator.connectapi.ConnectRestException;
import dev.tributary.operator.connectapi.dto.ConnectorOverview;
import dev.tributary.operator.connectapi.dto.Offsets;
import dev.tributary.operator.events.Events;
import dev.tributary.operator.events.Notice;
import dev.tributary.operator.model.ClusterNames;
import dev.tributary.operator.model.OffsetsPlan;
import dev.tributary.operator.model.OffsetsPlan.Operation;
import dev.tributary.operator.model.Owners;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries out spec.offsets against Connect: the due alter or reset once the connector is STOPPED
 * (the plan holds it so), and the listing ConfigMap.
 */
final class OffsetOperations {

  private static final Logger LOG = LoggerFactory.getLogger(OffsetOperations.class);

  /** What became of the offsets this reconcile: status, and whether an operation still waits. */
  record Result(OffsetsStatus status, boolean waiting, boolean done) {}

  private OffsetOperations() {}

  /** Runs the due operation if the connector is stopped; else says it waits. */
  static Result run(
      KafkaConnector cr,
      boolean existedBefore,
      ConnectorOverview observed,
      ConnectApi api,
      Supplier<KubernetesClient> client,
      Events events) {
    if (OffsetsPlan.adopts(cr, existedBefore)) {
      return new Result(OffsetsPlan.adopted(cr), false, false);
    }
    Optional<Operation> due = OffsetsPlan.due(cr, existedBefore);
    if (due.isEmpty()) {
      return new Result(cr.getStatus() == null ? null : cr.getStatus().offsets, false, false);
    }
    Operation op = due.get();
    boolean stopped =
        observed != null
            && observed.status() != null
            && observed.status().connector() != null
            && ConnectState.fromConnect(observed.status().connector().state())
                == ConnectState.STOPPED;
    if (!stopped) {
      return new Result(OffsetsPlan.inProgress(cr, op), true, false);
    }
    String name = ClusterNames.connectorName(cr);
    try {
      String answer =
          switch (op.kind()) {
            case RESET -> api.deleteOffsets(name).message();
            case ALTER -> api.patchOffsets(name, source(cr, op, client)).message();
          };
      LOG.info("connector {}: offsets {}: {}", name, op.describe(), answer);
      events.record(
          cr,
          new Notice(
              false,
              op.kind() == OffsetsPlan.Kind.RESET ? "OffsetsReset" : "OffsetsAltered",
              "spec.offsets " + op.describe() + ": " + answer));
      return new Result(OffsetsPlan.done(cr, op, answer), false, true);
    } catch (IllegalArgumentException | ConnectRestException e) {
      String why =
          e instanceof ConnectRestException rest && rest.status() / 100 == 4
              ? "Connect refused it: " + rest.connectMessage()
              : e.getMessage();
      if (e instanceof ConnectRestException rest && rest.status() / 100 != 4) {
        throw rest;
      }
      events.record(
          cr,
          new Notice(
              true,
              "OffsetsChangeFailed",
              "spec.offsets " + op.describe() + " was not done, offsets unchanged: " + why));
      return new Result(OffsetsPlan.done(cr, op, "failed: " + why), false, true);
    }
  }

  private static Offsets source(
      KafkaConnector cr, Operation op, Supplier<KubernetesClient> client) {
    ConfigMap source = find(client.get(), cr.getMetadata().getNamespace(), op.configMap());
    if (source == null) {
      throw new IllegalArgumentException(
          "spec.offsets.alter.fromConfigMap: ConfigMap '" + op.configMap() + "' does not exist");
    }
    return OffsetsPlan.parse(
        op.configMap(), source.getData() == null ? null : source.getData().get(OffsetsPlan.KEY));
  }

  /**
   * A ConfigMap by name, listed rather than read: the operator's role lists ConfigMaps (its
   * informers do) and so needs nothing more here.
   */
  private static ConfigMap find(KubernetesClient client, String namespace, String name) {
    return client
        .configMaps()
        .inNamespace(namespace)
        .withField("metadata.name", name)
        .list()
        .getItems()
        .stream()
        .filter(c -> name.equals(c.getMetadata().getName()))
        .findFirst()
        .orElse(null);
  }

  /** Writes the connector's offsets into spec.offsets.listInto, owned by the KafkaConnector. */
  static void list(KafkaConnector cr, ConnectApi api, Supplier<KubernetesClient> client) {
    var spec = cr.getSpec().offsets;
    if (spec == null || spec.listInto == null) {
      return;
    }
    try {
      Optional<Offsets> offsets = api.offsets(ClusterNames.connectorName(cr));
      if (offsets.isEmpty()) {
        return;
      }
      Map<String, String> labels = new TreeMap<>(ClusterNames.referencedBy(cr).labels());
      labels.put(Tributary.LABEL_COMPONENT, "offsets");
      ConfigMap listing =
          new ConfigMapBuilder()
              .withNewMetadata()
              .withName(spec.listInto)
              .withNamespace(cr.getMetadata().getNamespace())
              .withLabels(labels)
              .withOwnerReferences(Owners.controller(cr))
              .endMetadata()
              .withData(Map.of(OffsetsPlan.KEY, OffsetsPlan.render(offsets.get())))
              .build();
      ConfigMap existing = find(client.get(), cr.getMetadata().getNamespace(), spec.listInto);
      if (existing == null) {
        client.get().resource(listing).create();
      } else {
        listing.getMetadata().setResourceVersion(existing.getMetadata().getResourceVersion());
        client.get().resource(listing).update();
      }
    } catch (ConnectRestException e) {
      LOG.warn("connector {}: offsets not listed: {}", cr.getMetadata().getName(), e.getMessage());
    }
  }
}
