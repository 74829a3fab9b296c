package dev.tributary.operator.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SpecValidationTest {

  @Test
  void aValidSpecHasNoProblems() {
    assertThat(
            SpecValidation.problems(
                WorkerResourcesTest.spec("bootstrapServers: kafka:9092\nreplicas: 3")))
        .isEmpty();
  }

  @Test
  void everyProblemNamesItsField() {
    var spec =
        WorkerResourcesTest.spec(
            """
            mode: standalone
            replicas: 3
            config: {group.id: mine, rest.advertised.host.name: me, value.converter: x}
            plugins:
              - name: Bad_Name
                artifacts: [{type: url, url: "https://x/y.jar"}]
              - name: ok
                artifacts: []
            """);

    assertThat(SpecValidation.problems(spec))
        .containsExactly(
            "spec.bootstrapServers is required: set it to the Kafka bootstrap servers, e.g. kafka:9092",
            "spec.replicas: a standalone KafkaConnect runs one worker: set replicas to 0 or 1, or use mode: distributed",
            "spec.config.group.id is set by Tributary: use spec.groupId, spec.storage, spec.plugins or spec.bootstrapServers instead",
            "spec.config.rest.advertised.host.name is set by Tributary: use spec.groupId, spec.storage, spec.plugins or spec.bootstrapServers instead",
            "spec.plugins[0].name must be lower-case letters, digits, '.', '_' or '-'",
            "spec.plugins[0].artifacts[0]: a url artifact needs url and sha512",
            "spec.plugins[1].artifacts needs at least one artifact");
  }
}
