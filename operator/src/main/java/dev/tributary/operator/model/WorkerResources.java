package dev.tributary.operator.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.tributary.api.Tributary;
import dev.tributary.api.v1alpha1.ConnectMode;
import dev.tributary.api.v1alpha1.KafkaConnectSpec;
import dev.tributary.api.v1alpha1.PodTemplate;
import dev.tributary.contract.WorkerContract;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.SecurityContextBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/** The Kubernetes objects a KafkaConnect cluster is made of, as pure functions of its spec. */
public final class WorkerResources {

  public static final String WORKER_CONTAINER = "connect";
  public static final String FETCH_PLUGINS_CONTAINER = "fetch-plugins";
  public static final String OFFSETS_VOLUME = "offsets";
  public static final int TERMINATION_GRACE_SECONDS = 60;

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

  private WorkerResources() {}

  /** The plugin list fetch-plugins reads; empty when the cluster needs no extra plugins. */
  public static String pluginsJson(KafkaConnectSpec spec) {
    try {
      return spec.plugins == null || spec.plugins.isEmpty()
          ? ""
          : JSON.writeValueAsString(spec.plugins);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("plugins are plain data", e);
    }
  }

  public static ConfigMap configMap(ClusterNames names, KafkaConnectSpec spec) {
    return configMap(names, spec, new TreeMap<>(), null);
  }

  /**
   * With the log levels the workers apply at start (outside {@link #configHash}) and the
   * exactly-once phase to run ({@link ExactlyOnceSource#phaseToRun}; null: Connect's default).
   */
  public static ConfigMap configMap(
      ClusterNames names,
      KafkaConnectSpec spec,
      SortedMap<String, String> loggers,
      String exactlyOncePhase) {
    var data = new TreeMap<String, String>();
    if (!loggers.isEmpty()) {
      data.put(WorkerContract.LOGGERS, LogLevels.render(loggers));
    }
    var properties = WorkerConfig.properties(names, spec);
    if (exactlyOncePhase != null) {
      properties.put(ExactlyOnceSource.PROPERTY, exactlyOncePhase);
    }
    data.put(WorkerContract.WORKER_PROPERTIES, WorkerConfig.render(properties));
    String plugins = pluginsJson(spec);
    if (!plugins.isEmpty()) {
      data.put(WorkerContract.PLUGINS_JSON, plugins);
    }
    data.putAll(WorkerMetricsSettings.of(spec).configMapData());
    return new ConfigMapBuilder()
        .withMetadata(meta(names, names.configMap()))
        .withData(data)
        .build();
  }

  /** The hash that goes on the pod template: any change to the rendered files rolls the workers. */
  public static String configHash(ConfigMap configMap) {
    String properties = configMap.getData().getOrDefault(WorkerContract.WORKER_PROPERTIES, "");
    String plugins = configMap.getData().getOrDefault(WorkerContract.PLUGINS_JSON, "");
    String rules = configMap.getData().get(WorkerContract.METRICS_RULES);
    return rules == null
        ? WorkerConfig.hash(properties, plugins)
        : WorkerConfig.hash(properties, plugins, rules);
  }

  /**
   * Gives every worker a stable DNS name, used as its advertised REST host, so a restarted pod is
   * reachable at the same address. Not-ready pods are published: workers forward requests to the
   * group leader by that name while they start.
   */
  public static Service headlessService(ClusterNames names) {
    return restService(names, names.headlessService())
        .editSpec()
        .withClusterIP("None")
        .withPublishNotReadyAddresses(true)
        .endSpec()
        .build();
  }

  public static Service apiService(ClusterNames names) {
    return restService(names, names.apiService())
        .editSpec()
        .withType("ClusterIP")
        .endSpec()
        .build();
  }

  /** A Service in front of the workers' REST port. */
  private static ServiceBuilder restService(ClusterNames names, String name) {
    return new ServiceBuilder()
        .withMetadata(meta(names, name))
        .withNewSpec()
        .withSelector(names.selectorLabels())
        .addNewPort()
        .withName("http")
        .withPort(ClusterNames.REST_PORT)
        .withTargetPort(new IntOrString("http"))
        .endPort()
        .endSpec();
  }

  public static StatefulSet statefulSet(
      ClusterNames names, KafkaConnectSpec spec, String image, String configHash) {
    boolean standalone = spec.mode == ConnectMode.STANDALONE;
    PodTemplate template = spec.template != null ? spec.template : new PodTemplate();

    var podLabels = new TreeMap<String, String>();
    if (template.labels != null) {
      podLabels.putAll(template.labels);
    }
    podLabels.putAll(names.labels());
    var podAnnotations = new TreeMap<>(WorkerMetricsSettings.of(spec).podAnnotations());
    if (template.annotations != null) {
      podAnnotations.putAll(template.annotations);
    }
    podAnnotations.put(Tributary.ANNOTATION_CONFIG_HASH, configHash);
    if (spec.restartTrigger != null) {
      podAnnotations.put(Tributary.ANNOTATION_RESTART_TRIGGER, spec.restartTrigger);
    }

    List<Volume> volumes = new ArrayList<>();
    volumes.add(
        new VolumeBuilder()
            .withName("config")
            .withNewConfigMap()
            .withName(names.configMap())
            .endConfigMap()
            .build());
    volumes.add(new VolumeBuilder().withName("plugins").withNewEmptyDir().endEmptyDir().build());
    volumes.add(new VolumeBuilder().withName("tmp").withNewEmptyDir().endEmptyDir().build());
    volumes.addAll(KafkaSecurity.volumes(spec));
    volumes.addAll(RestApiTls.volumes(names, spec));
    if (template.volumes != null) {
      volumes.addAll(template.volumes);
    }

    List<Container> initContainers = new ArrayList<>();
    if (spec.plugins != null && !spec.plugins.isEmpty()) {
      initContainers.add(fetchPluginsContainer(image, spec));
    }

    var builder =
        new StatefulSetBuilder()
            .withMetadata(meta(names, names.statefulSet()))
            .withNewSpec()
            .withReplicas(WorkerCluster.desiredReplicas(spec))
            .withServiceName(names.headlessService())
            .withPodManagementPolicy("Parallel")
            // The operator replaces outdated pods itself, one at a time as Connect settles
            // (RollPlan); the StatefulSet controller only recreates the pods it deletes.
            .withNewUpdateStrategy()
            .withType("OnDelete")
            .endUpdateStrategy()
            .withNewSelector()
            .withMatchLabels(names.selectorLabels())
            .endSelector()
            .withNewTemplate()
            .withNewMetadata()
            .withLabels(podLabels)
            .withAnnotations(podAnnotations)
            .endMetadata()
            .withNewSpec()
            .withTerminationGracePeriodSeconds((long) TERMINATION_GRACE_SECONDS)
            // The workers resolve ${secrets:...} references with their ServiceAccount, which may
            // read only the Secrets their connectors name (the Role the operator writes).
            .withAutomountServiceAccountToken(true)
            .withNewSecurityContext()
            .withRunAsNonRoot(true)
            .withRunAsUser(1001L)
            .withRunAsGroup(0L)
            .withFsGroup(0L)
            .endSecurityContext()
            .withInitContainers(initContainers)
            .withContainers(workerContainer(names, spec, image, standalone, template))
            .withVolumes(volumes)
            .withAffinity(template.affinity)
            .withTolerations(template.tolerations)
            .withNodeSelector(template.nodeSelector)
            .withPriorityClassName(template.priorityClassName)
            .endSpec()
            .endTemplate();
    if (standalone) {
      String size =
          spec.standaloneStorage != null && spec.standaloneStorage.size != null
              ? spec.standaloneStorage.size
              : "1Gi";
      builder.withVolumeClaimTemplates(
          new PersistentVolumeClaimBuilder()
              .withNewMetadata()
              .withName(OFFSETS_VOLUME)
              .withLabels(names.labels())
              .endMetadata()
              .withNewSpec()
              .withAccessModes("ReadWriteOnce")
              .withStorageClassName(
                  spec.standaloneStorage == null ? null : spec.standaloneStorage.storageClassName)
              .withNewResources()
              .withRequests(Map.of("storage", new Quantity(size)))
              .endResources()
              .endSpec()
              .build());
    }
    return builder.endSpec().build();
  }

  private static Container workerContainer(
      ClusterNames names,
      KafkaConnectSpec spec,
      String image,
      boolean standalone,
      PodTemplate template) {
    List<EnvVar> env = new ArrayList<>();
    env.add(
        new EnvVarBuilder()
            .withName("POD_NAME")
            .withNewValueFrom()
            .withNewFieldRef()
            .withFieldPath("metadata.name")
            .endFieldRef()
            .endValueFrom()
            .build());
    env.add(new EnvVar(WorkerContract.ENV_ADVERTISED_HOST, names.podHost("$(POD_NAME)"), null));
    env.add(new EnvVar(WorkerContract.ENV_HEAP_OPTS, heapOptions(spec), null));
    List<String> javaOptions = new ArrayList<>();
    if (spec.jvmOptions != null && spec.jvmOptions.options != null) {
      javaOptions.addAll(spec.jvmOptions.options);
    }
    KafkaSecurity.javaOptions(spec).ifPresent(javaOptions::add);
    if (!javaOptions.isEmpty()) {
      env.add(new EnvVar(WorkerContract.ENV_JAVA_OPTS, String.join(" ", javaOptions), null));
    }
    env.addAll(WorkerMetricsSettings.of(spec).env(names));
    if (template.env != null) {
      env.addAll(template.env);
    }

    List<VolumeMount> mounts = new ArrayList<>();
    mounts.add(mount("config", WorkerContract.CONFIG_DIR, true));
    mounts.add(mount("plugins", WorkerContract.FETCHED_PLUGINS, true));
    mounts.add(mount("tmp", "/tmp", false));
    mounts.addAll(KafkaSecurity.mounts(spec));
    mounts.addAll(RestApiTls.mounts(names, spec));
    if (standalone) {
      mounts.add(mount(OFFSETS_VOLUME, WorkerContract.OFFSETS_DIR, false));
    }
    if (template.volumeMounts != null) {
      mounts.addAll(template.volumeMounts);
    }
    String properties = WorkerContract.CONFIG_DIR + "/" + WorkerContract.WORKER_PROPERTIES;
    return new ContainerBuilder()
        .withName(WORKER_CONTAINER)
        .withImage(image)
        .withImagePullPolicy(spec.imagePullPolicy)
        .withArgs(
            standalone ? List.of("standalone", properties) : List.of("distributed", properties))
        .addNewPort()
        .withName("http")
        .withContainerPort(ClusterNames.REST_PORT)
        .withProtocol("TCP")
        .endPort()
        .addAllToPorts(WorkerMetricsSettings.of(spec).ports())
        .withEnv(env)
        .withResources(spec.resources)
        .withVolumeMounts(mounts)
        // Connect's /health answers 503 while the worker joins its group, 200 once it serves.
        // A crash's last log lines become the container's termination message, in pod status.
        .withTerminationMessagePolicy("FallbackToLogsOnError")
        .withStartupProbe(healthProbe(names, spec, 5, 60))
        .withReadinessProbe(healthProbe(names, spec, 5, 3))
        .withLivenessProbe(healthProbe(names, spec, 10, 6))
        .withSecurityContext(restrictedSecurityContext())
        .build();
  }

  /** What the fetch-plugins init container runs: the worker image's entrypoint with these. */
  public static final List<String> FETCH_PLUGINS_ARGS =
      List.of(
          "fetch-plugins",
          "--plugins",
          WorkerContract.CONFIG_DIR + "/" + WorkerContract.PLUGINS_JSON,
          "--target",
          WorkerContract.FETCHED_PLUGINS,
          "--cache",
          WorkerContract.MAVEN_CACHE);

  private static Container fetchPluginsContainer(String image, KafkaConnectSpec spec) {
    return new ContainerBuilder()
        .withName(FETCH_PLUGINS_CONTAINER)
        .withImage(image)
        // Why a plugin could not be installed reaches pod status, and so KafkaConnect status.
        .withTerminationMessagePolicy("FallbackToLogsOnError")
        .withImagePullPolicy(spec.imagePullPolicy)
        .withArgs(FETCH_PLUGINS_ARGS)
        .addToEnv(new EnvVar(WorkerContract.ENV_HEAP_OPTS, WorkerContract.FETCH_PLUGINS_HEAP, null))
        .addAllToEnv(PluginSources.env(spec))
        .withVolumeMounts(
            mount("config", WorkerContract.CONFIG_DIR, true),
            mount("plugins", WorkerContract.FETCHED_PLUGINS, false),
            mount("tmp", "/tmp", false))
        .withSecurityContext(restrictedSecurityContext())
        .build();
  }

  /** The worker's heap when spec.jvmOptions.xmx is unset. */
  public static final String DEFAULT_XMX = "1g";

  static String heapOptions(KafkaConnectSpec spec) {
    String xms =
        spec.jvmOptions != null && spec.jvmOptions.xms != null ? spec.jvmOptions.xms : "256m";
    String xmx =
        spec.jvmOptions != null && spec.jvmOptions.xmx != null ? spec.jvmOptions.xmx : DEFAULT_XMX;
    return "-Xms" + xms + " -Xmx" + xmx;
  }

  private static Probe healthProbe(
      ClusterNames names, KafkaConnectSpec spec, int periodSeconds, int failureThreshold) {
    return new ProbeBuilder()
        .withNewHttpGet()
        .withScheme(RestApiTls.probeScheme(spec))
        .withHttpHeaders(RestApiTls.probeHeaders(names, spec))
        .withPath("/health")
        .withPort(new IntOrString("http"))
        .endHttpGet()
        .withPeriodSeconds(periodSeconds)
        .withTimeoutSeconds(3)
        .withFailureThreshold(failureThreshold)
        .build();
  }

  private static io.fabric8.kubernetes.api.model.SecurityContext restrictedSecurityContext() {
    return new SecurityContextBuilder()
        .withAllowPrivilegeEscalation(false)
        .withReadOnlyRootFilesystem(true)
        .withNewCapabilities()
        .withDrop("ALL")
        .endCapabilities()
        .withNewSeccompProfile()
        .withType("RuntimeDefault")
        .endSeccompProfile()
        .build();
  }

  /**
   * A mount as the API server stores it: {@code readOnly: false} is left out, as the server leaves
   * it out, or every comparison with the stored StatefulSet would find a difference and update it.
   */
  private static VolumeMount mount(String volume, String path, boolean readOnly) {
    return new VolumeMountBuilder()
        .withName(volume)
        .withMountPath(path)
        .withReadOnly(readOnly ? Boolean.TRUE : null)
        .build();
  }

  static ObjectMeta meta(ClusterNames names, String name) {
    return new ObjectMetaBuilder()
        .withName(name)
        .withNamespace(names.namespace())
        .withLabels(names.labels())
        .build();
  }
}
