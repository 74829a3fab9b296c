package dev.tributary.operator.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.api.v1alpha1.SecretKeyRef;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.util.Map;
import org.junit.jupiter.api.Test;

@EnableKubernetesMockClient(crud = true)
class SecretDigestsTest {

  KubernetesClient client;

  void secret(String name, String key, String base64) {
    client
        .resource(
            new SecretBuilder()
                .withNewMetadata()
                .withName(name)
                .withNamespace("data")
                .endMetadata()
                .addToData(key, base64)
                .build())
        .createOr(existing -> existing.update());
  }

  static final Map<String, SecretKeyRef> REFS =
      Map.of(
          "spec.tls.trustedCertificates[0]", new SecretKeyRef("kafka-ca", "ca.crt"),
          "spec.authentication.password", new SecretKeyRef("connect", "password"));

  @Test
  void aRotatedValueChangesTheDigestAndTheDigestHidesTheValue() {
    secret("kafka-ca", "ca.crt", "Y2E=");
    secret("connect", "password", "c2VjcmV0");

    var first = SecretDigests.read(client, "data", REFS);
    secret("connect", "password", "cm90YXRlZA==");
    var rotated = SecretDigests.read(client, "data", REFS);

    assertThat(first.problems()).isEmpty();
    assertThat(first.digest()).hasSize(16).doesNotContain("c2VjcmV0");
    assertThat(rotated.digest()).isNotEqualTo(first.digest());
    assertThat(SecretDigests.read(client, "data", REFS).digest())
        .as("the same values, the same digest")
        .isEqualTo(rotated.digest());
  }

  @Test
  void aMissingSecretOrKeyIsNamedOnTheFieldThatReferencesIt() {
    secret("kafka-ca", "tls.crt", "Y2E=");

    assertThat(SecretDigests.read(client, "data", REFS).problems())
        .containsExactlyInAnyOrder(
            "spec.tls.trustedCertificates[0]: Secret 'kafka-ca' has no key 'ca.crt'",
            "spec.authentication.password: Secret 'connect' does not exist in namespace data");
    assertThat(SecretDigests.read(client, "data", Map.of()).digest()).isEmpty();
  }
}
