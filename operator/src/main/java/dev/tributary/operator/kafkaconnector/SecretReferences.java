package dev.tributary.operator.kafkaconnector;

import dev.tributary.api.Tributary.Reasons;
import dev.tributary.api.v1alpha1.KafkaConnector;
import dev.tributary.api.v1alpha1.SecretKeyRef;
import dev.tributary.operator.connectapi.ConnectApi;
import dev.tributary.operator.connectapi.dto.ConnectorOverview;
import dev.tributary.operator.events.Events;
import dev.tributary.operator.model.ClusterNames;
import dev.tributary.operator.model.ConnectorSecrets;
import dev.tributary.operator.model.WorkerAccess;
import dev.tributary.operator.secrets.SecretDigests;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * A connector's {@code ${secrets:<secret>:<key>}} references, before anything is applied: each
 * Secret and key must exist (else {@code SecretNotFound}, naming the config key), and the cluster's
 * Role must already let its workers read them (else the connector waits, so no task starts without
 * access). Afterwards: a changed value restarts the connector and its tasks.
 */
final class SecretReferences {

  /** Why the connector cannot be applied yet, or the digest of the referenced values. */
  record Check(String reason, String message, String digest) {
    boolean ok() {
      return reason == null;
    }
  }

  private SecretReferences() {}

  /** {@code client} is only asked for when the config references a Secret. */
  static Check check(Supplier<KubernetesClient> clients, KafkaConnector cr, ClusterNames names) {
    ConnectorSecrets.References refs = ConnectorSecrets.of(cr);
    if (!refs.problems().isEmpty()) {
      return new Check(Reasons.INVALID_SPEC, String.join("; ", refs.problems()), null);
    }
    if (refs.byConfigKey().isEmpty()) {
      return new Check(null, null, null);
    }
    Map<String, SecretKeyRef> byField = new TreeMap<>();
    refs.byConfigKey()
        .forEach(
            (key, list) -> {
              for (int i = 0; i < list.size(); i++) {
                byField.put(
                    "spec.config." + key + (list.size() > 1 ? "#" + (i + 1) : ""), list.get(i));
              }
            });
    KubernetesClient client = clients.get();
    SecretDigests.Result read = SecretDigests.read(client, names.namespace(), byField);
    if (!read.problems().isEmpty()) {
      return new Check(Reasons.SECRET_NOT_FOUND, String.join("; ", read.problems()), null);
    }
    Role role =
        client.rbac().roles().inNamespace(names.namespace()).withName(names.secretsRole()).get();
    if (!WorkerAccess.grants(role, refs.secretNames())) {
      return new Check(
          Reasons.WAITING_FOR_SECRET_ACCESS,
          "waiting for Role "
              + names.secretsRole()
              + " to let the workers of KafkaConnect '"
              + names.cluster()
              + "' read Secrets "
              + refs.secretNames(),
          null);
    }
    return new Check(null, null, read.digest());
  }

  /**
   * Restarts a running connector and its tasks when the referenced values changed since the last
   * status, unless spec.restartOnSecretChange is false; says so in an Event.
   */
  static void restartIfChanged(
      KafkaConnector cr, String digest, ConnectorOverview observed, ConnectApi api, Events events) {
    String before = cr.getStatus() == null ? null : cr.getStatus().secretsDigest;
    boolean changed = digest != null && before != null && !before.equals(digest);
    if (!changed || observed == null || Boolean.FALSE.equals(cr.getSpec().restartOnSecretChange)) {
      return;
    }
    RestartTrigger.restartWithTasks(
        cr, api, events, "SecretChanged", "a Secret its config references changed");
  }
}
