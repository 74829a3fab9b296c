package dev.tributary.operator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.api.validation.CrdValidator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every example is valid against the generated CRDs; a catalogue of mistakes is rejected, each
 * naming its field.
 */
class CrdSchemaTest {

  /** The runnable examples and the all-fields reference. */
  static Stream<Path> examples() throws Exception {
    try (Stream<Path> files = Files.list(MockApi.repo().resolve("examples"))) {
      return Stream.concat(
          files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList().stream(),
          Stream.of(MockApi.repo().resolve("docs/reference/kafka-connect-all-fields.yaml")));
    }
  }

  @ParameterizedTest
  @MethodSource("examples")
  void everyExampleIsValid(Path example) throws Exception {
    String yaml = Files.readString(example);
    String kind =
        yaml.lines()
            .filter(l -> l.startsWith("kind:"))
            .findFirst()
            .orElseThrow()
            .substring(5)
            .trim();

    assertThat(CrdValidator.forKind(MockApi.repo().resolve("crds"), kind).problems(yaml))
        .as(example.getFileName().toString())
        .isEmpty();
  }

  @Test
  void thereAreExamplesOfBothKinds() throws Exception {
    List<String> texts =
        examples()
            .map(
                p -> {
                  try {
                    return Files.readString(p);
                  } catch (Exception e) {
                    throw new IllegalStateException(e);
                  }
                })
            .toList();
    assertThat(texts).anyMatch(t -> t.contains("kind: KafkaConnect\n"));
    assertThat(texts).anyMatch(t -> t.contains("kind: KafkaConnector\n"));
  }

  /** A mistake users make, and the word the error must contain so they can find it. */
  record Mistake(String kind, String spec, String field) {}

  static Stream<Mistake> mistakes() {
    String kc = "KafkaConnect";
    String ktr = "KafkaConnector";
    String ok = "bootstrapServers: kafka:9092\n";
    String ref = "clusterRef: {name: pipeline}\nclass: org.example.Sink\n";
    return Stream.of(
        new Mistake(kc, ok + "replicas: -1", "replicas"),
        new Mistake(kc, ok + "logging: {loggers: {org.example: LOUD}}", "TRACE, DEBUG"),
        new Mistake(kc, ok + "mode: standalone\nexactlyOnceSource: true", "distributed mode only"),
        new Mistake(kc, ok + "config: {exactly.once.source.support: enabled}", "exactlyOnceSource"),
        new Mistake(ktr, ref + "logLevel: verbose", "logLevel"),
        new Mistake(ktr, ref + "offsets: {alter: {trigger: a1}}", "fromConfigMap"),
        new Mistake(kc, ok + "replicas: three", "replicas"),
        new Mistake(kc, ok + "replicas: 100000", "replicas"),
        new Mistake(
            kc,
            ok
                + "plugins: ["
                + "{name: p, artifacts: [{type: maven, group: g, artifact: a, version: '1'}]},"
                    .repeat(51)
                + "]",
            "plugins"),
        new Mistake(kc, "replicas: 2", "bootstrapServers"),
        new Mistake(kc, "bootstrapServers: 'a:1, b:2'", "bootstrapServers"),
        new Mistake(kc, ok + "mode: cluster", "mode"),
        new Mistake(kc, ok + "mode: standalone\nreplicas: 3", "replicas"),
        new Mistake(kc, ok + "config: {group.id: mine}", "config"),
        new Mistake(kc, ok + "connectorDefaults: {tasks.max: '4'}", "connectorDefaults"),
        new Mistake(kc, ok + "autoscaling: {minReplicas: 4, maxReplicas: 2}", "minReplicas"),
        new Mistake(kc, ok + "mode: standalone\nautoscaling: {enabled: true}", "mode: distributed"),
        new Mistake(kc, ok + "autoscaling: {lagSeconds: 1}", "lagSeconds"),
        new Mistake(kc, ok + "connectorDefaults: {a: '${secrets:s:k}'}", "connectorDefaults"),
        new Mistake(kc, ok + "config: {rest.advertised.host.name: me}", "config"),
        new Mistake(kc, ok + "config: {plugin.path: /plugins}", "config"),
        new Mistake(kc, ok + "config: {value.converter.schemas.enable: false}", "config"),
        new Mistake(kc, ok + "replica: 3", "replica"),
        new Mistake(
            kc,
            ok
                + "plugins: [{name: My_Plugin, artifacts: [{type: maven, group: g, artifact: a, version: '1'}]}]",
            "name"),
        new Mistake(
            kc,
            ok + "plugins: [{name: p, artifacts: [{type: ftp, url: 'ftp://x/y.jar'}]}]",
            "type"),
        new Mistake(
            kc,
            ok + "plugins: [{name: p, artifacts: [{type: url, url: 'https://x/y.jar'}]}]",
            "sha512"),
        new Mistake(
            kc,
            ok + "plugins: [{name: p, artifacts: [{type: maven, group: g, artifact: a}]}]",
            "version"),
        new Mistake(kc, ok + "plugins: [{name: p, artifacts: []}]", "artifacts"),
        new Mistake(
            kc,
            ok
                + "plugins: [{name: p, artifacts: [{type: url, url: 'https://x/y.jar', sha512: abc}]}]",
            "sha512"),
        new Mistake(kc, ok + "jvmOptions: {xmx: 2 GB}", "xmx"),
        new Mistake(kc, ok + "storage: {replicationFactor: -2}", "replicationFactor"),
        new Mistake(kc, ok + "groupId: my group", "groupId"),
        new Mistake(kc, ok + "rebalanceDelayMs: -5", "rebalanceDelayMs"),
        new Mistake(kc, ok + "authentication: {type: kerberos}", "type"),
        new Mistake(kc, ok + "authentication: {type: tls}", "certificate and key"),
        new Mistake(kc, ok + "authentication: {type: scram-sha-512, username: u}", "password"),
        new Mistake(kc, ok + "authentication: {type: oauth, clientId: c}", "tokenEndpointUri"),
        new Mistake(kc, ok + "tls: {}\nconfig: {producer.ssl.truststore.location: /x}", "spec.tls"),
        new Mistake(kc, ok + "tls: {trustedCertificates: [{secretName: ca}]}", "key"),
        new Mistake(
            kc,
            ok + "restApi: {tls: true}\nconfig: {admin.listeners: 'http://:8084'}",
            "spec.restApi.tls"),
        new Mistake(
            kc,
            ok + "restApi: {tls: true}\nconfig: {listeners.https.ssl.client.auth: none}",
            "spec.restApi.tls"),
        new Mistake(ktr, "class: org.example.Sink", "clusterRef"),
        new Mistake(ktr, "clusterRef: {name: pipeline}", "class"),
        new Mistake(ktr, ref + "tasksMax: 0", "tasksMax"),
        new Mistake(ktr, ref + "tasksMax: 5000", "tasksMax"),
        new Mistake(ktr, ref + "state: deleted", "state"),
        new Mistake(ktr, ref + "config: {connector.class: org.example.Other}", "connector.class"),
        new Mistake(ktr, ref + "config: {tasks.max: '3'}", "tasks.max"),
        new Mistake(ktr, ref + "autoRestart: {maxRestarts: -1}", "maxRestarts"),
        new Mistake(ktr, ref + "sourceBacklog: {mbean: 'records-lag', attribute: x}", "mbean"),
        new Mistake(ktr, ref + "sourceBacklog: {mbean: 'a:b=c'}", "attribute"),
        new Mistake(ktr, ref + "config: {batch.size: 100}", "config"));
  }

  @ParameterizedTest
  @MethodSource("mistakes")
  void aMistakeIsRejectedNamingTheField(Mistake mistake) throws Exception {
    String yaml =
        "apiVersion: tributary.dev/v1alpha1\nkind: "
            + mistake.kind()
            + "\nmetadata: {name: x}\nspec:\n"
            + mistake.spec().indent(2);

    assertThat(CrdValidator.forKind(MockApi.repo().resolve("crds"), mistake.kind()).problems(yaml))
        .as(mistake.spec())
        .isNotEmpty()
        .anyMatch(problem -> problem.contains(mistake.field()));
  }

  /** An update, from {@code before} to {@code after} (specs), and what must refuse it or not. */
  record Edit(String kind, String before, String after, String refusedNaming) {}

  static Stream<Edit> edits() {
    String kc = "KafkaConnect";
    String ktr = "KafkaConnector";
    String ok = "bootstrapServers: kafka:9092\n";
    String cls = "class: org.example.Sink\n";
    return Stream.of(
        new Edit(kc, ok + "groupId: g1", ok + "groupId: g2", "spec.groupId"),
        new Edit(kc, ok, ok + "groupId: g2", "spec.groupId"),
        new Edit(kc, ok + "groupId: g1", ok, "spec.groupId"),
        new Edit(kc, ok, ok + "storage: {configTopic: other}", "spec.groupId"),
        new Edit(
            kc, ok + "storage: {offsetTopic: a}", ok + "storage: {offsetTopic: b}", "spec.groupId"),
        new Edit(
            ktr,
            "clusterRef: {name: a}\n" + cls,
            "clusterRef: {name: b}\n" + cls,
            "spec.clusterRef"),
        // what may change on a running cluster or connector
        new Edit(kc, ok + "groupId: g1", ok + "groupId: g1\nreplicas: 3", null),
        new Edit(kc, ok, ok + "storage: {replicationFactor: 3}", null),
        new Edit(
            ktr,
            "clusterRef: {name: a}\n" + cls,
            "clusterRef: {name: a}\n" + cls + "tasksMax: 4",
            null));
  }

  @ParameterizedTest
  @MethodSource("edits")
  void anEditThatWouldMoveAConnectorOrMakeANewConnectClusterIsRefused(Edit edit) throws Exception {
    var validator = CrdValidator.forKind(MockApi.repo().resolve("crds"), edit.kind());

    var verdict =
        validator.review(resource(edit.kind(), edit.after()), resource(edit.kind(), edit.before()));

    if (edit.refusedNaming() == null) {
      assertThat(verdict.problems()).as(edit.after()).isEmpty();
    } else {
      assertThat(verdict.problems())
          .as(edit.before() + " -> " + edit.after())
          .anyMatch(
              p -> p.field().equals(edit.refusedNaming()) && p.message().contains("cannot change"));
      assertThat(validator.review(resource(edit.kind(), edit.after())).problems())
          .as("the same spec is fine on create")
          .isEmpty();
    }
  }

  @Test
  void aNameAnApiServerRefusesIsRefused() throws Exception {
    var validator = CrdValidator.forKind(MockApi.repo().resolve("crds"), "KafkaConnector");
    var resource = resource("KafkaConnector", "clusterRef: {name: a}\nclass: org.example.Sink");

    ((com.fasterxml.jackson.databind.node.ObjectNode) resource.get("metadata"))
        .put("name", "Orders_Sink");

    assertThat(validator.review(resource).problems())
        .singleElement()
        .satisfies(p -> assertThat(p.field()).isEqualTo("metadata.name"))
        .satisfies(p -> assertThat(p.message()).contains("RFC 1123 subdomain"));
  }

  static com.fasterxml.jackson.databind.node.ObjectNode resource(String kind, String spec)
      throws Exception {
    String yaml =
        "apiVersion: tributary.dev/v1alpha1\nkind: "
            + kind
            + "\nmetadata: {name: x}\nspec:\n"
            + spec.indent(2);
    return (com.fasterxml.jackson.databind.node.ObjectNode)
        new com.fasterxml.jackson.databind.ObjectMapper(
                new com.fasterxml.jackson.dataformat.yaml.YAMLFactory())
            .readTree(yaml);
  }
}
