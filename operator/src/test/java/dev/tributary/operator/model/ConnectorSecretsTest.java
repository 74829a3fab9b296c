package dev.tributary.operator.model;

import static dev.tributary.operator.Fixtures.kafkaConnector;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.api.v1alpha1.KafkaConnector;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class ConnectorSecretsTest {

  static KafkaConnector connector(String config) {
    return kafkaConnector(
        """
        apiVersion: tributary.dev/v1alpha1
        kind: KafkaConnector
        metadata: {name: cdc, namespace: data}
        spec:
          clusterRef: {name: pipeline}
          class: org.example.Source
          config: %s
        """
            .formatted(config));
  }

  @Test
  void referencesAreFoundWithTheConfigKeyThatHoldsThem() {
    var refs =
        ConnectorSecrets.of(
            connector(
                "{database.password: '${secrets:db:password}', database.user: '${secrets:data/db:user}',"
                    + " url: 'jdbc:postgresql://db:5432/${secrets:db-name:name}', plain: x}"));

    assertThat(refs.problems()).isEmpty();
    assertThat(refs.byConfigKey()).containsOnlyKeys("database.password", "database.user", "url");
    assertThat(refs.byConfigKey().get("database.user").get(0).secretName).isEqualTo("db");
    assertThat(refs.byConfigKey().get("url").get(0).key).isEqualTo("name");
    assertThat(refs.secretNames()).containsExactly("db", "db-name");
  }

  @Test
  void anotherNamespacesSecretIsRefusedNamingTheKey() {
    assertThat(
            ConnectorSecrets.of(connector("{password: '${secrets:other/db:password}'}")).problems())
        .containsExactly(
            "spec.config.password: Secret 'other/db' is in another namespace; reference Secrets of"
                + " namespace data only");
  }

  @Test
  void aRestApiCaKeyIsNoConnectorsToRead() {
    var refs =
        ConnectorSecrets.of(connector("{key: '${secrets:pipeline-connect-rest-ca:ca.key}'}"));
    assertThat(refs.problems())
        .containsExactly(
            "spec.config.key: Secret 'pipeline-connect-rest-ca' holds a Connect REST API CA key,"
                + " which no connector may read; reference another Secret");
    assertThat(refs.secretNames()).as("so the workers' Role never grants it").isEmpty();
  }

  @Test
  void theWorkersMayReadExactlyWhatTheirConnectorsReference() {
    var names = new ClusterNames("pipeline", "data");
    var secrets =
        ConnectorSecrets.secretNames(
            List.of(
                connector("{a: '${secrets:db:password}'}"),
                connector("{b: '${secrets:api-token:token}'}"),
                connector("{c: plain}")));
    var role = WorkerAccess.secretsRole(names, secrets);

    assertThat(role.getRules())
        .singleElement()
        .satisfies(
            rule -> {
              assertThat(rule.getVerbs()).containsExactly("get");
              assertThat(rule.getResources()).containsExactly("secrets");
              assertThat(rule.getResourceNames()).containsExactly("api-token", "db");
            });
    assertThat(WorkerAccess.grants(role, secrets)).isTrue();
    assertThat(WorkerAccess.grants(role, new TreeSet<>(List.of("db", "other")))).isFalse();
    assertThat(WorkerAccess.secretsRole(names, new TreeSet<>()).getRules())
        .as("no reference, no access")
        .isEmpty();
    assertThat(WorkerAccess.secretsRoleBinding(names).getSubjects().get(0).getName())
        .isEqualTo("pipeline-connect");
  }
}
