package dev.tributary.bench.scale;

import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * For the operator-at-scale benchmark only: a StatefulSet controller that starts nothing. Each
 * StatefulSet the operator writes gets its pods as objects (Running and Ready, no process) and a
 * status saying every replica is ready and updated, as a real controller reports once the workers
 * run. What the operator sees of workers is then what it would see of healthy ones.
 */
final class ReadyWorkers implements AutoCloseable {

  private final KubernetesClient client;
  private final ExecutorService writes = Executors.newFixedThreadPool(4);
  private final SharedIndexInformer<StatefulSet> informer;

  ReadyWorkers(KubernetesClient client) {
    this.client = client;
    this.informer =
        client
            .apps()
            .statefulSets()
            .inAnyNamespace()
            .inform(
                new ResourceEventHandler<>() {
                  @Override
                  public void onAdd(StatefulSet sts) {
                    writes.submit(() -> settle(sts));
                  }

                  @Override
                  public void onUpdate(StatefulSet previous, StatefulSet sts) {
                    writes.submit(() -> settle(sts));
                  }

                  @Override
                  public void onDelete(StatefulSet sts, boolean unknown) {}
                });
  }

  private void settle(StatefulSet sts) {
    int replicas = Objects.requireNonNullElse(sts.getSpec().getReplicas(), 1);
    var status = sts.getStatus();
    if (status != null
        && Objects.equals(status.getObservedGeneration(), sts.getMetadata().getGeneration())
        && Objects.equals(status.getReadyReplicas(), replicas)) {
      return;
    }
    String ns = sts.getMetadata().getNamespace();
    // Pods carry their template's revision, as a StatefulSet controller labels them, so the
    // operator sees them current and has nothing to roll.
    String revision = "r" + Integer.toHexString(sts.getSpec().getTemplate().hashCode());
    for (int i = 0; i < replicas; i++) {
      String name = sts.getMetadata().getName() + "-" + i;
      if (client.pods().inNamespace(ns).withName(name).get() == null) {
        client.resource(pod(sts, name, revision)).create();
      }
    }
    sts.setStatus(
        new StatefulSetStatusBuilder()
            .withObservedGeneration(sts.getMetadata().getGeneration())
            .withReplicas(replicas)
            .withReadyReplicas(replicas)
            .withAvailableReplicas(replicas)
            .withUpdatedReplicas(replicas)
            .withCurrentRevision(revision)
            .withUpdateRevision(revision)
            .build());
    try {
      client.resource(sts).updateStatus();
    } catch (RuntimeException e) {
      // A newer version is on its way through the informer; that one is settled instead.
    }
  }

  private static Pod pod(StatefulSet sts, String name, String revision) {
    var template = sts.getSpec().getTemplate();
    return new PodBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace(sts.getMetadata().getNamespace())
        .withLabels(template.getMetadata().getLabels())
        .addToLabels("controller-revision-hash", revision)
        .withAnnotations(template.getMetadata().getAnnotations())
        .endMetadata()
        .withSpec(template.getSpec())
        .withNewStatus()
        .withPhase("Running")
        .withConditions(new PodConditionBuilder().withType("Ready").withStatus("True").build())
        .withContainerStatuses(
            new ContainerStatusBuilder()
                .withName(template.getSpec().getContainers().get(0).getName())
                .withReady(true)
                .withStarted(true)
                .withRestartCount(0)
                .withNewState()
                .withNewRunning()
                .endRunning()
                .endState()
                .build())
        .endStatus()
        .build();
  }

  @Override
  public void close() {
    informer.close();
    writes.shutdownNow();
  }
}
