package dev.tributary.sandbox.cluster;

import io.fabric8.kubernetes.api.model.PersistentVolumeBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;

/**
 * What a cluster's default storage class does for a claim: a PersistentVolume made for each pending
 * claim, which Kubernetes' own volume controller then binds. The volume is a host path under the
 * sandbox's claims folder, the same folder the kubelet stand-in mounts for the claim.
 */
final class VolumeProvisioner {

  private final KubernetesClient client;
  private final Path claimsDir;

  VolumeProvisioner(KubernetesClient client, Path claimsDir) {
    this.client = client;
    this.claimsDir = claimsDir;
  }

  void tick() {
    for (PersistentVolumeClaim claim :
        client.persistentVolumeClaims().inAnyNamespace().list().getItems()) {
      String namespace = claim.getMetadata().getNamespace();
      String name = claim.getMetadata().getName();
      if (claim.getSpec().getVolumeName() != null
          || !"Pending".equals(claim.getStatus() == null ? null : claim.getStatus().getPhase())) {
        continue;
      }
      String volume = "pv-" + namespace + "-" + name;
      if (client.persistentVolumes().withName(volume).get() != null) {
        continue;
      }
      client
          .persistentVolumes()
          .resource(
              new PersistentVolumeBuilder()
                  .withNewMetadata()
                  .withName(volume)
                  .endMetadata()
                  .withNewSpec()
                  .withCapacity(claim.getSpec().getResources().getRequests())
                  .withAccessModes(claim.getSpec().getAccessModes())
                  .withPersistentVolumeReclaimPolicy("Delete")
                  .withNewHostPath()
                  .withPath(claimsDir.resolve(namespace).resolve(name).toString())
                  .endHostPath()
                  .withNewClaimRef()
                  .withNamespace(namespace)
                  .withName(name)
                  .withUid(claim.getMetadata().getUid())
                  .endClaimRef()
                  .endSpec()
                  .build())
          .create();
    }
  }
}
