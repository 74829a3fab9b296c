package dev.tributary.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tributary.api.v1alpha1.KafkaConnect;
import dev.tributary.operator.model.WorkerResources;
import dev.tributary.worker.plugins.ArtifactSpec;
import dev.tributary.worker.plugins.Credentials;
import dev.tributary.worker.plugins.PluginSpec;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The plugins.json the operator renders from {@code spec.plugins} is what {@code fetch-plugins}
 * reads: the two sides of the contract, each from its own module.
 */
class PluginsJsonContractTest {

  @Test
  void fetchPluginsReadsEveryFieldTheOperatorWrites() throws Exception {
    KafkaConnect cr =
        Serialization.unmarshal(
            """
            apiVersion: tributary.dev/v1alpha1
            kind: KafkaConnect
            metadata: {name: pipeline, namespace: data}
            spec:
              bootstrapServers: kafka:9092
              plugins:
                - name: my-sink
                  artifacts:
                    - {type: maven, group: org.example, artifact: sink, version: "1.2.0",
                       classifier: plugin, extension: tar.gz}
                    - type: url
                      url: https://example.org/extra.jar
                      sha512: %s
                      authentication:
                        type: basic
                        username: ci
                        secret: {secretName: artifacts, key: password}
            """
                .formatted("a".repeat(128)),
            KafkaConnect.class);

    List<PluginSpec> read =
        new ObjectMapper()
            .readValue(
                WorkerResources.pluginsJson(cr.getSpec()),
                new TypeReference<List<PluginSpec>>() {});

    assertThat(read).hasSize(1);
    PluginSpec plugin = read.get(0);
    plugin.validate();
    assertThat(plugin.name()).isEqualTo("my-sink");
    assertThat(plugin.artifacts())
        .containsExactly(
            new ArtifactSpec(
                "maven", "org.example", "sink", "1.2.0", "plugin", "tar.gz", null, null, null),
            new ArtifactSpec(
                "url",
                null,
                null,
                null,
                null,
                null,
                "https://example.org/extra.jar",
                "a".repeat(128),
                new Credentials.UrlAuth(
                    "basic", "ci", new Credentials.SecretRef("artifacts", "password"))));
  }
}
