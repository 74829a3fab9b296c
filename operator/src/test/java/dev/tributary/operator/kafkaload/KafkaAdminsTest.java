package dev.tributary.operator.kafkaload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tributary.api.v1alpha1.KafkaConnectSpec;
import dev.tributary.api.v1alpha1.SecretKeyRef;
import dev.tributary.operator.model.ClusterNames;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;

class KafkaAdminsTest {

  static final ClusterNames CLUSTER = new ClusterNames("pipeline", "data");
  static final Instant T0 = Instant.parse("2026-12-06T12:00:00Z");

  final List<Map<String, Object>> created = new ArrayList<>();
  final List<String> secretReads = new ArrayList<>();
  final KafkaAdmins admins =
      new KafkaAdmins(
          settings -> {
            created.add(settings);
            return (Admin)
                Proxy.newProxyInstance(
                    Admin.class.getClassLoader(), new Class<?>[] {Admin.class}, (p, m, a) -> null);
          },
          UnaryOperator.identity());

  String password = "first";
  final Function<SecretKeyRef, String> secrets =
      ref -> {
        secretReads.add(ref.secretName + "/" + ref.key);
        return password;
      };

  static KafkaConnectSpec scram(String user) {
    return Serialization.unmarshal(
        """
        bootstrapServers: kafka:9093
        authentication:
          type: scram-sha-512
          username: %s
          password: {secretName: connect, key: password}
        """
            .formatted(user),
        KafkaConnectSpec.class);
  }

  @Test
  void theSecretsAreReadOncePerMinuteNotAtEveryLook() {
    Admin first = admins.adminFor(CLUSTER, scram("connect"), secrets, T0);
    for (int look = 1; look < 12; look++) {
      assertThat(admins.adminFor(CLUSTER, scram("connect"), secrets, T0.plusSeconds(5 * look)))
          .isSameAs(first);
    }
    assertThat(secretReads).hasSize(1);
    assertThat(created).hasSize(1);
    assertThat(created.get(0).get("sasl.jaas.config").toString()).contains("first");
  }

  @Test
  void aRotatedPasswordReachesANewClientWithinAMinute() {
    Admin first = admins.adminFor(CLUSTER, scram("connect"), secrets, T0);
    password = "second";
    assertThat(admins.adminFor(CLUSTER, scram("connect"), secrets, T0.plusSeconds(30)))
        .isSameAs(first);
    Admin rotated = admins.adminFor(CLUSTER, scram("connect"), secrets, T0.plusSeconds(61));
    assertThat(rotated).isNotSameAs(first);
    assertThat(created.get(1).get("sasl.jaas.config").toString()).contains("second");
  }

  @Test
  void anUnchangedSecretKeepsTheClientAfterTheReread() {
    Admin first = admins.adminFor(CLUSTER, scram("connect"), secrets, T0);
    assertThat(admins.adminFor(CLUSTER, scram("connect"), secrets, T0.plusSeconds(61)))
        .isSameAs(first);
    assertThat(secretReads).hasSize(2);
    assertThat(created).hasSize(1);
  }

  @Test
  void aChangedSpecOrAFailedLookReadsTheSecretsAtOnce() {
    admins.adminFor(CLUSTER, scram("connect"), secrets, T0);
    admins.adminFor(CLUSTER, scram("other"), secrets, T0.plusSeconds(5));
    assertThat(secretReads).hasSize(2);
    assertThat(created).hasSize(2);
    assertThat(created.get(1).get("sasl.jaas.config").toString()).contains("other");

    password = "second";
    admins.reread(CLUSTER);
    admins.adminFor(CLUSTER, scram("other"), secrets, T0.plusSeconds(10));
    assertThat(secretReads).hasSize(3);
    assertThat(created.get(2).get("sasl.jaas.config").toString()).contains("second");
  }

  @Test
  void anOAuthClusterIsReadOnlyWithATokenEndpointThePlatformTeamListed() {
    String url = "https://idp-" + System.nanoTime() + ".example/token";
    KafkaConnectSpec spec =
        Serialization.unmarshal(
            """
            bootstrapServers: kafka:9093
            authentication:
              type: oauth
              tokenEndpointUri: %s
              clientId: connect
              clientSecret: {secretName: oauth, key: secret}
            """
                .formatted(url),
            KafkaConnectSpec.class);
    assertThatThrownBy(() -> admins.adminFor(CLUSTER, spec, secrets, T0))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(url)
        .hasMessageContaining(OAuthTokenUrls.ENV);
    assertThat(secretReads).as("nothing read for a cluster it may not reach").isEmpty();

    OAuthTokenUrls.allow(url);
    admins.adminFor(CLUSTER, spec, secrets, T0);
    assertThat(created.get(0)).containsEntry("sasl.oauthbearer.token.endpoint.url", url);
    assertThat(System.getProperty(OAuthTokenUrls.PROPERTY)).contains(url);
  }
}
