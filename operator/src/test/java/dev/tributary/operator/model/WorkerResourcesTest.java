package dev.tributary.operator.model;

import static dev.tributary.operator.Fixtures.kafkaConnect;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.api.Tributary;
import dev.tributary.api.v1alpha1.KafkaConnectSpec;
import dev.tributary.contract.WorkerContract;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WorkerResourcesTest {

  private static final ClusterNames NAMES = new ClusterNames("pipeline", "data");
  private static final String IMAGE = "tributary/worker:test";

  static KafkaConnectSpec spec(String specYaml) {
    return kafkaConnect(
            "apiVersion: tributary.dev/v1alpha1\nkind: KafkaConnect\nmetadata: {name: pipeline, namespace: data}\nspec:\n"
                + specYaml.indent(2))
        .getSpec();
  }

  static Container worker(StatefulSet sts) {
    return sts.getSpec().getTemplate().getSpec().getContainers().get(0);
  }

  static String env(Container container, String name) {
    return container.getEnv().stream()
        .filter(e -> e.getName().equals(name))
        .map(EnvVar::getValue)
        .findFirst()
        .orElse(null);
  }

  @Test
  void aLockedRestApiServesHttpsWithTheMountedStoresAndProbesSayWhichHostTheyAsk() {
    var spec = spec("bootstrapServers: kafka:9092\nrestApi: {tls: true}");
    Container worker = worker(WorkerResources.statefulSet(NAMES, spec, IMAGE, "h"));
    var probe = worker.getReadinessProbe().getHttpGet();
    assertThat(probe.getScheme()).isEqualTo("HTTPS");
    assertThat(probe.getHttpHeaders())
        .singleElement()
        .satisfies(
            header -> {
              assertThat(header.getName()).isEqualTo("Host");
              assertThat(header.getValue()).isEqualTo("pipeline-connect-api.data.svc");
            });
    assertThat(worker.getVolumeMounts())
        .anySatisfy(
            mount -> {
              assertThat(mount.getMountPath())
                  .isEqualTo("/etc/tributary/secrets/pipeline-connect-rest-tls");
              assertThat(mount.getReadOnly()).isTrue();
            });

    var props = WorkerConfig.properties(NAMES, spec);
    assertThat(props)
        .containsEntry("listeners", "https://0.0.0.0:8083")
        .containsEntry("rest.advertised.listener", "https")
        .containsEntry("listeners.https.ssl.client.auth", "requested")
        .containsEntry(
            "listeners.https.ssl.keystore.location",
            "/etc/tributary/secrets/pipeline-connect-rest-tls/keystore.p12")
        .containsEntry(
            "listeners.https.ssl.keystore.password",
            "${directory:/etc/tributary/secrets/pipeline-connect-rest-tls:keystore.password}")
        .containsEntry(
            "rest.extension.classes",
            WorkerContract.TASK_LOAD_EXTENSION + "," + RestApiTls.EXTENSION)
        .containsEntry("config.providers", "secrets,directory");

    var plain = spec("bootstrapServers: kafka:9092");
    var plainProbe = worker(WorkerResources.statefulSet(NAMES, plain, IMAGE, "h"));
    assertThat(plainProbe.getReadinessProbe().getHttpGet().getScheme())
        .as("pod templates without TLS stay as they were: no roll on upgrade")
        .isNull();
    assertThat(plainProbe.getReadinessProbe().getHttpGet().getHttpHeaders()).isNullOrEmpty();
    assertThat(WorkerConfig.properties(NAMES, plain))
        .containsEntry("listeners", "http://0.0.0.0:8083")
        .containsEntry("rest.extension.classes", WorkerContract.TASK_LOAD_EXTENSION);
    var own =
        spec("bootstrapServers: kafka:9092\nconfig: {rest.extension.classes: com.example.Audit}");
    assertThat(WorkerConfig.properties(NAMES, own))
        .as("a user's own extensions are kept, before ours")
        .containsEntry(
            "rest.extension.classes", "com.example.Audit," + WorkerContract.TASK_LOAD_EXTENSION);
  }

  @Test
  void statefulSetRunsDistributedWorkersWithStableIdentitiesAndHealthProbes() {
    var spec = spec("bootstrapServers: kafka:9092\nreplicas: 3");
    StatefulSet sts = WorkerResources.statefulSet(NAMES, spec, IMAGE, "abc123");

    assertThat(sts.getMetadata().getName()).isEqualTo("pipeline-connect");
    assertThat(sts.getSpec().getReplicas()).isEqualTo(3);
    assertThat(sts.getSpec().getServiceName()).isEqualTo("pipeline-connect-workers");
    assertThat(sts.getSpec().getUpdateStrategy().getType())
        .as("the operator replaces outdated pods itself, as Connect settles")
        .isEqualTo("OnDelete");
    assertThat(sts.getSpec().getSelector().getMatchLabels())
        .isEqualTo(
            Map.of(Tributary.LABEL_CLUSTER, "pipeline", Tributary.LABEL_COMPONENT, "worker"));
    var pod = sts.getSpec().getTemplate();
    assertThat(pod.getMetadata().getLabels())
        .containsAllEntriesOf(sts.getSpec().getSelector().getMatchLabels());
    assertThat(pod.getMetadata().getAnnotations())
        .containsEntry(Tributary.ANNOTATION_CONFIG_HASH, "abc123");
    assertThat(pod.getSpec().getTerminationGracePeriodSeconds()).isGreaterThanOrEqualTo(30L);
    assertThat(pod.getSpec().getInitContainers()).isEmpty();

    Container worker = worker(sts);
    assertThat(worker.getImage()).isEqualTo(IMAGE);
    assertThat(worker.getArgs()).containsExactly("distributed", "/etc/tributary/worker.properties");
    assertThat(env(worker, "CONNECT_REST_ADVERTISED_HOST_NAME"))
        .isEqualTo("$(POD_NAME).pipeline-connect-workers.data.svc");
    assertThat(env(worker, "TRIBUTARY_HEAP_OPTS")).isEqualTo("-Xms256m -Xmx1g");
    assertThat(worker.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/health");
    assertThat(worker.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/health");
    assertThat(worker.getStartupProbe().getHttpGet().getPath()).isEqualTo("/health");
    assertThat(worker.getPorts().get(0).getContainerPort()).isEqualTo(8083);
    assertThat(worker.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
    assertThat(pod.getSpec().getSecurityContext().getRunAsNonRoot()).isTrue();
    assertThat(sts.getSpec().getVolumeClaimTemplates()).isEmpty();
  }

  @Test
  void pluginsAddTheFetchPluginsInitContainerReadingThePluginList() {
    var spec =
        spec(
            """
            bootstrapServers: kafka:9092
            plugins:
              - name: my-sink
                artifacts:
                  - {type: maven, group: org.example, artifact: my-sink, version: "1.0", extension: tar.gz}
            """);
    var configMap = WorkerResources.configMap(NAMES, spec);
    StatefulSet sts =
        WorkerResources.statefulSet(NAMES, spec, IMAGE, WorkerResources.configHash(configMap));

    Container init = sts.getSpec().getTemplate().getSpec().getInitContainers().get(0);
    assertThat(init.getName()).isEqualTo("fetch-plugins");
    assertThat(init.getImage()).isEqualTo(IMAGE);
    assertThat(init.getArgs())
        .containsSubsequence(
            "fetch-plugins",
            "--plugins",
            "/etc/tributary/plugins.json",
            "--target",
            "/opt/tributary-plugins");
    assertThat(configMap.getData().get("plugins.json"))
        .isEqualTo(
            "[{\"name\":\"my-sink\",\"artifacts\":[{\"type\":\"maven\",\"group\":\"org.example\","
                + "\"artifact\":\"my-sink\",\"version\":\"1.0\",\"extension\":\"tar.gz\"}]}]");
  }

  @Test
  void standaloneRunsOneWorkerWithItsOffsetsOnAClaim() {
    var spec =
        spec(
            "bootstrapServers: kafka:9092\nmode: standalone\nstandaloneStorage: {size: 2Gi, storageClassName: fast}");
    StatefulSet sts = WorkerResources.statefulSet(NAMES, spec, IMAGE, "h");

    assertThat(sts.getSpec().getReplicas()).isEqualTo(1);
    assertThat(worker(sts).getArgs())
        .containsExactly("standalone", "/etc/tributary/worker.properties");
    var claim = sts.getSpec().getVolumeClaimTemplates().get(0);
    assertThat(claim.getSpec().getResources().getRequests().get("storage").toString())
        .isEqualTo("2Gi");
    assertThat(claim.getSpec().getStorageClassName()).isEqualTo("fast");
    assertThat(worker(sts).getVolumeMounts())
        .anyMatch(
            m ->
                m.getName().equals("offsets")
                    && m.getMountPath().equals("/var/lib/tributary/offsets"));
  }

  @Test
  void userTemplateAddsToThePodWithoutReplacingTributarysLabels() {
    var spec =
        spec(
            """
            bootstrapServers: kafka:9092
            jvmOptions: {xms: 512m, xmx: 2g, options: ["-XX:+UseG1GC"]}
            resources: {requests: {cpu: 500m, memory: 2Gi}}
            template:
              labels: {team: data, tributary.dev/cluster: hijack}
              annotations: {prometheus.io/scrape: "true"}
              tolerations: [{key: dedicated, operator: Equal, value: connect, effect: NoSchedule}]
              nodeSelector: {pool: connect}
              env: [{name: CONNECT_CONFIG_PROVIDERS, value: env}]
              volumes: [{name: certs, secret: {secretName: kafka-certs}}]
              volumeMounts: [{name: certs, mountPath: /certs}]
            """);
    StatefulSet sts = WorkerResources.statefulSet(NAMES, spec, IMAGE, "h");
    var pod = sts.getSpec().getTemplate();

    assertThat(pod.getMetadata().getLabels())
        .containsEntry("team", "data")
        .containsEntry(Tributary.LABEL_CLUSTER, "pipeline");
    assertThat(pod.getMetadata().getAnnotations()).containsEntry("prometheus.io/scrape", "true");
    assertThat(pod.getSpec().getTolerations()).hasSize(1);
    assertThat(pod.getSpec().getNodeSelector()).containsEntry("pool", "connect");
    assertThat(pod.getSpec().getVolumes()).anyMatch(v -> v.getName().equals("certs"));
    Container worker = worker(sts);
    assertThat(env(worker, "CONNECT_CONFIG_PROVIDERS")).isEqualTo("env");
    assertThat(env(worker, "TRIBUTARY_HEAP_OPTS")).isEqualTo("-Xms512m -Xmx2g");
    assertThat(env(worker, "JAVA_OPTS")).isEqualTo("-XX:+UseG1GC");
    assertThat(worker.getResources().getRequests().get("memory").toString()).isEqualTo("2Gi");
    assertThat(worker.getVolumeMounts()).anyMatch(m -> m.getMountPath().equals("/certs"));
  }

  @Test
  void servicesGiveStablePodNamesAndOneApiEndpoint() {
    var headless = WorkerResources.headlessService(NAMES);
    var api = WorkerResources.apiService(NAMES);

    assertThat(headless.getSpec().getClusterIP()).isEqualTo("None");
    assertThat(headless.getSpec().getPublishNotReadyAddresses()).isTrue();
    assertThat(api.getSpec().getPorts().get(0).getPort()).isEqualTo(8083);
    assertThat(api.getSpec().getSelector()).isEqualTo(NAMES.selectorLabels());
    assertThat(NAMES.restUrl()).isEqualTo("http://pipeline-connect-api.data.svc:8083");
    assertThat(NAMES.podHost("pipeline-connect-0"))
        .isEqualTo("pipeline-connect-0.pipeline-connect-workers.data.svc");
  }

  @Test
  void disruptionBudgetAndNetworkPolicyProtectTheWorkers() {
    var pdb = WorkerDisruptionBudget.v1(NAMES);
    assertThat(pdb.getSpec().getMaxUnavailable().getIntVal()).isEqualTo(1);
    assertThat(pdb.getSpec().getSelector().getMatchLabels()).isEqualTo(NAMES.selectorLabels());
    // Kubernetes 1.20 serves only policy/v1beta1: the same budget there.
    var legacy = WorkerDisruptionBudget.v1beta1(NAMES);
    assertThat(legacy.getApiVersion()).isEqualTo("policy/v1beta1");
    assertThat(legacy.getMetadata()).isEqualTo(pdb.getMetadata());
    assertThat(legacy.getSpec().getMaxUnavailable()).isEqualTo(pdb.getSpec().getMaxUnavailable());
    assertThat(legacy.getSpec().getSelector()).isEqualTo(pdb.getSpec().getSelector());
  }

  @Test
  void onlyThisClustersWorkersAndTheOperatorInItsOwnNamespaceReachTheRestApi() {
    var policy = WorkerNetworkPolicy.of(NAMES, "tributary", true);
    var operatorLabels = Map.of(Tributary.LABEL_NAME, Tributary.OPERATOR_NAME);

    assertThat(policy.getSpec().getPodSelector().getMatchLabels())
        .isEqualTo(NAMES.selectorLabels());
    assertThat(
            WorkerNetworkPolicy.admits(
                policy, client("tributary", operatorLabels), ClusterNames.REST_PORT))
        .as("the operator")
        .isTrue();
    assertThat(
            WorkerNetworkPolicy.admits(
                policy, client("team-b", operatorLabels), ClusterNames.REST_PORT))
        .as("a pod labelled like the operator in another namespace")
        .isFalse();
    assertThat(
            WorkerNetworkPolicy.admits(
                policy, client("data", NAMES.selectorLabels()), ClusterNames.REST_PORT))
        .as("a worker of this cluster, forwarding to the leader")
        .isTrue();
    assertThat(
            WorkerNetworkPolicy.admits(
                policy,
                client("data", new ClusterNames("other", "data").selectorLabels()),
                ClusterNames.REST_PORT))
        .as("a worker of another cluster")
        .isFalse();
    assertThat(
            WorkerNetworkPolicy.admits(
                policy, client("team-b", NAMES.selectorLabels()), ClusterNames.REST_PORT))
        .as("a pod labelled like these workers in another namespace")
        .isFalse();
    assertThat(WorkerNetworkPolicy.admits(policy, client("monitoring", Map.of()), 9404))
        .as("a scraper on the metrics port")
        .isTrue();
    assertThat(
            WorkerNetworkPolicy.admits(
                WorkerNetworkPolicy.of(NAMES, "tributary", false),
                client("monitoring", Map.of()),
                9404))
        .as("no metrics port open when metrics are off")
        .isFalse();
  }

  static WorkerNetworkPolicy.Client client(String namespace, Map<String, String> labels) {
    return new WorkerNetworkPolicy.Client(
        namespace, Map.of("kubernetes.io/metadata.name", namespace), labels);
  }

  @Test
  void workersServeMetricsOnANamedPortWithTheConventionalAnnotations() {
    var spec = spec("bootstrapServers: kafka:9092");
    StatefulSet sts = WorkerResources.statefulSet(NAMES, spec, IMAGE, "abc123");

    Container worker = worker(sts);
    assertThat(worker.getPorts())
        .anySatisfy(
            port -> {
              assertThat(port.getName()).isEqualTo("metrics");
              assertThat(port.getContainerPort()).isEqualTo(9404);
            });
    assertThat(env(worker, "TRIBUTARY_METRICS_PORT")).isEqualTo("9404");
    assertThat(env(worker, "TRIBUTARY_CLUSTER")).isEqualTo("pipeline");
    assertThat(env(worker, "TRIBUTARY_METRICS_RULES")).as("no extra rules").isNull();
    assertThat(sts.getSpec().getTemplate().getMetadata().getAnnotations())
        .containsEntry("prometheus.io/scrape", "true")
        .containsEntry("prometheus.io/port", "9404")
        .containsEntry("prometheus.io/path", "/metrics");
  }

  @Test
  void metricsCanBeTurnedOff() {
    var spec = spec("bootstrapServers: kafka:9092\nmetrics: {enabled: false}");
    StatefulSet sts = WorkerResources.statefulSet(NAMES, spec, IMAGE, "abc123");

    assertThat(worker(sts).getPorts()).extracting(p -> p.getName()).containsExactly("http");
    assertThat(env(worker(sts), "TRIBUTARY_METRICS_PORT")).isNull();
    assertThat(sts.getSpec().getTemplate().getMetadata().getAnnotations())
        .doesNotContainKey("prometheus.io/scrape");
  }

  @Test
  void extraRulesReachTheWorkersThroughTheConfigMapAndRollThemWhenChanged() {
    var plain = spec("bootstrapServers: kafka:9092");
    var withRules =
        spec(
            "bootstrapServers: kafka:9092\nmetrics:\n  rules:\n"
                + "    - {pattern: 'kafka.connect<type=connect-worker-metrics><>task-count', name: my_tasks}");

    var configMap = WorkerResources.configMap(NAMES, withRules);

    assertThat(configMap.getData().get("metrics-rules.yaml")).contains("\"name\" : \"my_tasks\"");
    assertThat(
            env(
                worker(WorkerResources.statefulSet(NAMES, withRules, IMAGE, "h")),
                "TRIBUTARY_METRICS_RULES"))
        .isEqualTo("/etc/tributary/metrics-rules.yaml");
    assertThat(WorkerResources.configHash(configMap))
        .isNotEqualTo(WorkerResources.configHash(WorkerResources.configMap(NAMES, plain)));
  }

  @Test
  void aRestartTriggerGoesOnThePodTemplateSoANewValueRollsTheWorkers() {
    var first =
        WorkerResources.statefulSet(
            NAMES, spec("bootstrapServers: kafka:9092\nrestartTrigger: a"), IMAGE, "h");
    var same =
        WorkerResources.statefulSet(
            NAMES, spec("bootstrapServers: kafka:9092\nrestartTrigger: a"), IMAGE, "h");
    var next =
        WorkerResources.statefulSet(
            NAMES, spec("bootstrapServers: kafka:9092\nrestartTrigger: b"), IMAGE, "h");

    assertThat(first.getSpec().getTemplate().getMetadata().getAnnotations())
        .containsEntry(Tributary.ANNOTATION_RESTART_TRIGGER, "a");
    assertThat(same.getSpec().getTemplate()).isEqualTo(first.getSpec().getTemplate());
    assertThat(next.getSpec().getTemplate()).isNotEqualTo(first.getSpec().getTemplate());
  }
}
