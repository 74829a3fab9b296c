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
  void exactlyOnceSourcesAreForDistributedClustersAndTheirPhaseIsTributarys() {
    assertThat(
            SpecValidation.problems(
                WorkerResourcesTest.spec(
                    "bootstrapServers: k:9092\nmode: standalone\nexactlyOnceSource: true\n"
                        + "config: {exactly.once.source.support: enabled}")))
        .anySatisfy(p -> assertThat(p).startsWith("spec.exactlyOnceSource: "))
        .anySatisfy(
            p ->
                assertThat(p)
                    .startsWith("spec.config.exactly.once.source.support is set by Tributary"));
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
            "spec.config.group.id is set by Tributary: use spec.groupId, spec.storage, spec.plugins, spec.bootstrapServers or spec.exactlyOnceSource instead",
            "spec.config.rest.advertised.host.name is set by Tributary: use spec.groupId, spec.storage, spec.plugins, spec.bootstrapServers or spec.exactlyOnceSource instead",
            "spec.plugins[0].name 'Bad_Name': use lower-case letters, digits, '.', '_' and '-',"
                + " starting and ending with a letter or digit, at most 63",
            "spec.plugins[0].artifacts[0]: a url artifact needs url and sha512",
            "spec.plugins[1].artifacts needs at least one artifact");
  }

  @Test
  void theRulesTheCrdSchemaHoldsAreCheckedToo() {
    var spec =
        WorkerResourcesTest.spec(
            """
            bootstrapServers: "a:9092, b:9092"
            jvmOptions: {xmx: lots}
            plugins:
              - name: ok
                artifacts:
                  - {type: url, url: "https://x/y.exe", sha512: "abc"}
            """);

    assertThat(SpecValidation.problems(spec))
        .containsExactly(
            "spec.bootstrapServers must be host:port pairs separated by commas without spaces,"
                + " e.g. kafka-0:9092,kafka-1:9092",
            "spec.jvmOptions.xmx 'lots' must be a size such as 512m or 2g",
            "spec.plugins[0].artifacts[0].sha512 must be 128 hexadecimal characters",
            "spec.plugins[0].artifacts[0].url must be http(s) and end in .jar, .zip, .tar.gz or"
                + " .tgz");
  }

  @Test
  void aHeapThatDoesNotFitInTheMemoryLimitIsRefusedWithTheSizeThatWould() {
    var explicit =
        WorkerResourcesTest.spec(
            """
            bootstrapServers: "kafka:9092"
            jvmOptions: {xmx: 2g}
            resources: {limits: {memory: 2Gi}}
            """);
    var byDefault =
        WorkerResourcesTest.spec(
            """
            bootstrapServers: "kafka:9092"
            resources: {limits: {memory: 512Mi}}
            """);
    var fits =
        WorkerResourcesTest.spec(
            """
            bootstrapServers: "kafka:9092"
            jvmOptions: {xmx: 1536m}
            resources: {limits: {memory: 2Gi}}
            """);

    assertThat(SpecValidation.problems(explicit))
        .containsExactly(
            "spec.jvmOptions.xmx 2g does not fit in spec.resources.limits.memory 2Gi: the JVM"
                + " needs memory beyond its heap; set spec.jvmOptions.xmx to at most 1536m (75% of"
                + " the limit), or raise the limit");
    assertThat(SpecValidation.problems(byDefault))
        .containsExactly(
            "the default heap (spec.jvmOptions.xmx unset) 1g does not fit in"
                + " spec.resources.limits.memory 512Mi: the JVM needs memory beyond its heap; set"
                + " spec.jvmOptions.xmx to at most 384m (75% of the limit), or raise the limit");
    assertThat(SpecValidation.problems(fits)).isEmpty();
  }

  @Test
  void connectorDefaultsMayNotSetWhatEachConnectorSetsNorReferenceSecrets() {
    var spec =
        WorkerResourcesTest.spec(
            """
            bootstrapServers: "kafka:9092"
            connectorDefaults: {tasks.max: "4", a: "${secrets:s:k}", errors.tolerance: all}
            """);
    assertThat(SpecValidation.problems(spec))
        .containsExactly(
            "spec.connectorDefaults.a: no ${...} references here; reference Secrets in each"
                + " KafkaConnector's spec.config",
            "spec.connectorDefaults.tasks.max: each KafkaConnector's spec sets it (class, tasksMax,"
                + " version); leave it out");
  }

  @Test
  void autoscalingNeedsARangeThatHoldsAWorkerAndADistributedCluster() {
    var spec =
        WorkerResourcesTest.spec(
            """
            bootstrapServers: "kafka:9092"
            mode: standalone
            autoscaling: {enabled: true, minReplicas: 4, maxReplicas: 2}
            """);
    assertThat(SpecValidation.problems(spec))
        .containsExactly(
            "spec.autoscaling: autoscaling.minReplicas must not be above autoscaling.maxReplicas",
            "spec.autoscaling: autoscaling needs mode: distributed (a standalone worker cannot be"
                + " scaled out)");
  }
}
