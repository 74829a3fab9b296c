package dev.tributary.sandbox.cluster;

import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The StatefulSet controller's I/O: asks {@link StatefulSetController#plan} what to do for each
 * StatefulSet, then creates and deletes pods and writes the StatefulSet's status.
 */
final class StatefulSetControllerLoop {

  private final KubernetesClient client;

  StatefulSetControllerLoop(KubernetesClient client) {
    this.client = client;
  }

  void tick() {
    for (StatefulSet sts : client.apps().statefulSets().inAnyNamespace().list().getItems()) {
      reconcile(sts);
    }
  }

  private List<Pod> podsOf(StatefulSet sts) {
    return client.pods().inNamespace(sts.getMetadata().getNamespace()).list().getItems().stream()
        .filter(
            p ->
                p.getMetadata().getOwnerReferences().stream()
                    .anyMatch(o -> o.getUid().equals(sts.getMetadata().getUid())))
        .toList();
  }

  private void reconcile(StatefulSet sts) {
    var plan = StatefulSetController.plan(sts, podsOf(sts));
    plan.create().forEach(ordinal -> createPod(sts, ordinal, plan.revision()));
    plan.delete()
        .forEach(
            name ->
                client
                    .pods()
                    .inNamespace(sts.getMetadata().getNamespace())
                    .withName(name)
                    .delete());
    if (!Objects.equals(
        Serialization.asJson(plan.status()), Serialization.asJson(sts.getStatus()))) {
      sts.setStatus(plan.status());
      client.resource(sts).updateStatus();
    }
  }

  private void createPod(StatefulSet sts, int ordinal, String revision) {
    var template = sts.getSpec().getTemplate();
    String name = sts.getMetadata().getName() + "-" + ordinal;
    Map<String, String> labels = new HashMap<>(template.getMetadata().getLabels());
    labels.put(StatefulSetController.REVISION_LABEL, revision);
    labels.put("statefulset.kubernetes.io/pod-name", name);
    OwnerReference owner =
        new OwnerReferenceBuilder()
            .withApiVersion("apps/v1")
            .withKind("StatefulSet")
            .withName(sts.getMetadata().getName())
            .withUid(sts.getMetadata().getUid())
            .withController(true)
            .build();
    Pod pod =
        new PodBuilder()
            .withNewMetadata()
            .withName(name)
            .withNamespace(sts.getMetadata().getNamespace())
            .withLabels(labels)
            .withAnnotations(template.getMetadata().getAnnotations())
            .withOwnerReferences(owner)
            .endMetadata()
            .withSpec(template.getSpec())
            .build();
    pod.getSpec().setHostname(name);
    pod.getSpec().setSubdomain(sts.getSpec().getServiceName());
    client.resource(pod).create();
  }
}
