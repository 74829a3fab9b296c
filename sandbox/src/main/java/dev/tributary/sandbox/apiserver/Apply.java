package dev.tributary.sandbox.apiserver;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;

/** Create or replace, as {@code kubectl apply} does from a user's point of view. */
public final class Apply {
  private Apply() {}

  /**
   * Creates {@code resource}, or replaces the stored one. A replace that races the operator's own
   * writes (a status patch, a finalizer) gets 409 and is simply tried again, as a user re-running
   * the command would; {@code kubectl apply} sends a merge patch, which never conflicts.
   */
  public static <T extends HasMetadata> T createOrReplace(
      KubernetesClient client, T resource, String namespace) {
    for (int attempt = 1; ; attempt++) {
      try {
        return client
            .resource(resource)
            .inNamespace(namespace)
            .createOr(existing -> existing.unlock().update());
      } catch (KubernetesClientException e) {
        if (e.getCode() != 409 || attempt == 10) {
          throw e;
        }
        try {
          Thread.sleep(100L * attempt);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw e;
        }
      }
    }
  }
}
