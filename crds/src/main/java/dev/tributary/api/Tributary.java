package dev.tributary.api;

/** Names every part of Tributary agrees on: API group, labels, annotations, conditions. */
public final class Tributary {
  private Tributary() {}

  public static final String GROUP = "tributary.dev";
  public static final String VERSION = "v1alpha1";
  public static final String CATEGORY = "tributary";

  /** Label naming the KafkaConnect an object belongs to. */
  public static final String LABEL_CLUSTER = GROUP + "/cluster";

  public static final String LABEL_COMPONENT = GROUP + "/component";
  public static final String LABEL_MANAGED_BY = "app.kubernetes.io/managed-by";
  public static final String LABEL_NAME = "app.kubernetes.io/name";
  public static final String LABEL_INSTANCE = "app.kubernetes.io/instance";
  public static final String OPERATOR_NAME = "tributary-operator";

  /** Pod-template annotation holding a hash of the rendered worker config: a change rolls pods. */
  public static final String ANNOTATION_CONFIG_HASH = GROUP + "/config-hash";

  /** A digest of the Secret values the workers read: a rotated one rolls them. */
  public static final String ANNOTATION_SECRETS_DIGEST = GROUP + "/secrets-digest";

  /** spec.restartTrigger of a KafkaConnect on its pod template: a new value rolls the workers. */
  public static final String ANNOTATION_RESTART_TRIGGER = GROUP + "/restart-trigger";

  /** On worker pod templates: the exactly.once.source.support phase the pods run with. */
  public static final String ANNOTATION_EXACTLY_ONCE_SOURCE = GROUP + "/exactly-once-source";

  /** On a KafkaConnector: restart the connector once ("true", or "includeTasks,onlyFailed"). */
  public static final String ANNOTATION_RESTART = GROUP + "/restart";

  /** On a KafkaConnector: restart one task, by id. */
  public static final String ANNOTATION_RESTART_TASK = GROUP + "/restart-task";

  /** Condition types, kstatus style: Ready, plus one for work in progress and one for stuck. */
  public static final class Conditions {
    private Conditions() {}

    public static final String READY = "Ready";
    public static final String PROGRESSING = "Progressing";
    public static final String DEGRADED = "Degraded";
  }

  /** Condition reasons. */
  public static final class Reasons {
    private Reasons() {}

    public static final String READY = "Ready";
    public static final String INVALID_SPEC = "InvalidSpec";
    public static final String SECRET_NOT_FOUND = "SecretNotFound";
    public static final String WAITING_FOR_SECRET_ACCESS = "WaitingForSecretAccess";
    public static final String WORKERS_STARTING = "WorkersStarting";
    public static final String ROLLING_UPDATE = "RollingUpdate";
    public static final String SCALING = "Scaling";
    public static final String REST_API_UNREACHABLE = "RestApiUnreachable";
    public static final String RECONCILE_FAILED = "ReconcileFailed";
    public static final String SCALED_TO_ZERO = "ScaledToZero";
    public static final String CLUSTER_NOT_FOUND = "ClusterNotFound";
    public static final String CLUSTER_NOT_READY = "ClusterNotReady";
    public static final String INVALID_CONFIG = "InvalidConfig";
    public static final String REBALANCING = "Rebalancing";
    public static final String OFFSETS_CHANGING = "OffsetsChanging";
    public static final String NAMESPACE_NOT_ALLOWED = "NamespaceNotAllowed";
    public static final String CONNECTOR_FAILED = "ConnectorFailed";
    public static final String TASKS_FAILED = "TasksFailed";
    public static final String TASKS_ON_DEPARTED_WORKERS = "TasksOnDepartedWorkers";
    public static final String PAUSED = "Paused";
    public static final String STOPPED = "Stopped";
    public static final String CREATING = "Creating";
    public static final String INIT_CONTAINER_FAILED = "InitContainerFailed";
    public static final String CRASH_LOOP_BACK_OFF = "CrashLoopBackOff";
    public static final String OOM_KILLED = "OOMKilled";
    public static final String KAFKA_AUTHENTICATION_FAILED = "KafkaAuthenticationFailed";
    public static final String KAFKA_TLS_FAILED = "KafkaTlsFailed";
    public static final String KAFKA_UNREACHABLE = "KafkaUnreachable";
    public static final String PLUGIN_INSTALL_FAILED = "PluginInstallFailed";
    public static final String WORKER_CONFIG_INVALID = "WorkerConfigInvalid";
    public static final String IMAGE_PULL_FAILED = "ImagePullFailed";
    public static final String UNSCHEDULABLE = "Unschedulable";
    public static final String TERMINATING = "Terminating";
    public static final String STARTING = "Starting";
  }
}
