package dev.tributary.operator.kafkaconnect;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.Test;

class StoredObjectMatchTest {

  static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  static final String DESIRED =
      """
      apiVersion: v1
      kind: Service
      metadata: {name: pipeline-connect-workers, labels: {app: connect}}
      spec:
        clusterIP: None
        publishNotReadyAddresses: true
        selector: {app: connect}
        ports: [{name: http, port: 8083}]
      """;

  /** As Kubernetes 1.20 stores it: defaults added, one equal to another value of the object. */
  static final String STORED =
      """
      apiVersion: v1
      kind: Service
      metadata:
        name: pipeline-connect-workers
        labels: {app: connect, team: data}
        annotations: {javaoperatorsdk.io/previous: x}
        resourceVersion: "2600"
        uid: b1c78023
        managedFields: [{manager: tributary}]
      spec:
        clusterIP: None
        clusterIPs: [None]
        sessionAffinity: None
        type: ClusterIP
        publishNotReadyAddresses: true
        selector: {app: connect}
        ports: [{name: http, port: 8083, protocol: TCP, targetPort: 8083}]
      status: {loadBalancer: {}}
      """;

  static JsonNode yaml(String text) throws Exception {
    return YAML.readTree(text);
  }

  @Test
  void whatTheApiServerAddedIsNoDifference() throws Exception {
    assertThat(StoredObjectMatch.matches(yaml(DESIRED), yaml(STORED))).isTrue();
  }

  @Test
  void aChangedOrMissingFieldOrLabelIsADifference() throws Exception {
    assertThat(
            StoredObjectMatch.matches(
                yaml(DESIRED), yaml(STORED.replace("port: 8083,", "port: 8084,"))))
        .isFalse();
    assertThat(
            StoredObjectMatch.matches(
                yaml(DESIRED), yaml(STORED.replace("  publishNotReadyAddresses: true\n", ""))))
        .isFalse();
    assertThat(
            StoredObjectMatch.matches(
                yaml(DESIRED),
                yaml(STORED.replace("labels: {app: connect,", "labels: {app: other,"))))
        .isFalse();
    assertThat(
            StoredObjectMatch.matches(
                yaml(DESIRED.replace("ports: [", "sessionAffinity: ClientIP\n  ports: [")),
                yaml(STORED)))
        .isFalse();
  }

  @Test
  void anElementTheStoredListHasBeyondTheDesiredOneIsADifference() throws Exception {
    String role =
        """
        apiVersion: rbac.authorization.k8s.io/v1
        kind: Role
        metadata: {name: pipeline-connect-secrets}
        rules: [{apiGroups: [""], resources: [secrets], verbs: [get], resourceNames: [%s]}]
        """;

    assertThat(
            StoredObjectMatch.matches(yaml(role.formatted("db")), yaml(role.formatted("db, api"))))
        .as("a reference removed: the Role must stop naming the Secret")
        .isFalse();
    assertThat(
            StoredObjectMatch.matches(yaml(role.formatted("db, api")), yaml(role.formatted("db"))))
        .isFalse();
    assertThat(StoredObjectMatch.matches(yaml(role.formatted("db")), yaml(role.formatted("db"))))
        .isTrue();
  }
}
