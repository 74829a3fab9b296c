package dev.tributary.operator.resttls;

import dev.tributary.api.Tributary;
import dev.tributary.api.v1alpha1.KafkaConnect;
import dev.tributary.operator.model.ClusterNames;
import dev.tributary.operator.model.Owners;
import dev.tributary.operator.model.RestApiTls;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a cluster's REST TLS Secrets as {@link RestTlsPlan} says, owned by the KafkaConnect so they
 * go with it, and hands out the operator's client side for them. Values are never logged.
 */
public final class RestCertificates {

  private static final Logger LOG = LoggerFactory.getLogger(RestCertificates.class);

  private final Map<ClusterNames, ClientTls> clients = new ConcurrentHashMap<>();

  /** Brings both Secrets up to date at {@code now}; answers the operator's client side. */
  public ClientTls ensure(KubernetesClient client, KafkaConnect cr, Instant now) {
    ClusterNames names = ClusterNames.of(cr);
    Secret ca = get(client, names, RestApiTls.caSecret(names));
    Secret worker = get(client, names, RestApiTls.workerSecret(names));
    Map<String, String> caData = data(ca);
    Map<String, String> workerData = data(worker);
    RestTlsPlan plan = RestTlsPlan.of(names, caData, workerData, now);
    if (plan.caChanged(caData)) {
      write(client, cr, names, RestApiTls.caSecret(names), plan.caData());
    }
    if (plan.workerChanged(workerData)) {
      write(client, cr, names, RestApiTls.workerSecret(names), plan.workerData());
    }
    if (!plan.changes().isEmpty()) {
      LOG.info(
          "KafkaConnect {}/{}: REST API certificates: {}",
          names.namespace(),
          names.cluster(),
          String.join(", ", plan.changes()));
    }
    return clients.compute(
        names,
        (key, known) ->
            known != null && known.sameCas(plan.caData())
                ? known
                : ClientTls.of(plan.caData(), now));
  }

  /** Forgets a cluster that is gone or no longer locked. */
  public void forget(ClusterNames names) {
    clients.remove(names);
  }

  private static Secret get(KubernetesClient client, ClusterNames names, String name) {
    return client.secrets().inNamespace(names.namespace()).withName(name).get();
  }

  private static Map<String, String> data(Secret secret) {
    return secret == null || secret.getData() == null ? Map.of() : secret.getData();
  }

  private static void write(
      KubernetesClient client,
      KafkaConnect cr,
      ClusterNames names,
      String name,
      Map<String, String> data) {
    Map<String, String> labels = new TreeMap<>(names.labels());
    labels.put(Tributary.LABEL_COMPONENT, "rest-tls");
    Secret secret =
        new SecretBuilder()
            .withNewMetadata()
            .withName(name)
            .withNamespace(names.namespace())
            .withLabels(labels)
            .withOwnerReferences(Owners.controller(cr))
            .endMetadata()
            .withType("Opaque")
            .withData(data)
            .build();
    client.resource(secret).createOr(existing -> existing.update());
  }
}
