package dev.tributary.contract;

/**
 * What the operator's pods and the worker image agree on: where files are, which environment
 * variables the launcher reads. The operator builds pods from it, the worker reads by it, the
 * sandbox's kubelet maps container paths by it, and the image holds these paths (ImagesIT checks
 * the image the build makes).
 */
public final class WorkerContract {
  private WorkerContract() {}

  /** Where the distribution lives in the image (bin/, lib/, the bundled plugins). */
  public static final String IMAGE_HOME = "/opt/tributary";

  /** Connect's plugins that ship with the distribution. */
  public static final String BUNDLED_PLUGINS = IMAGE_HOME + "/plugins";

  /** Where {@code fetch-plugins} installs the plugins of {@code spec.plugins}. */
  public static final String FETCHED_PLUGINS = "/opt/tributary-plugins";

  /** The mounted ConfigMap: {@link #WORKER_PROPERTIES} and {@link #PLUGINS_JSON}. */
  public static final String CONFIG_DIR = "/etc/tributary";

  public static final String WORKER_PROPERTIES = "worker.properties";

  /**
   * Log levels ({@code logger=LEVEL} lines) beside the worker properties, applied at start; kept
   * out of the config hash, since running workers get them through {@code /admin/loggers}.
   */
  public static final String LOGGERS = "loggers.properties";

  /** The {@code spec.plugins} list, as JSON, that {@code fetch-plugins} installs. */
  public static final String PLUGINS_JSON = "plugins.json";

  /** Standalone mode's source offsets file lives here, on a PersistentVolumeClaim. */
  public static final String OFFSETS_DIR = "/var/lib/tributary/offsets";

  /** {@code fetch-plugins}' Maven download cache, on the pod's writable /tmp. */
  public static final String MAVEN_CACHE = "/tmp/maven-cache";

  /** Heap and other JVM flags the launcher passes to the worker's JVM. */
  public static final String ENV_HEAP_OPTS = "TRIBUTARY_HEAP_OPTS";

  /** Extra JVM options the launcher passes to the worker's JVM. */
  public static final String ENV_JAVA_OPTS = "JAVA_OPTS";

  /**
   * Environment variables named {@code CONNECT_<PROPERTY>} override single worker properties: the
   * rest of the name, lower-cased, with {@code _} as {@code .}.
   */
  public static final String ENV_PROPERTY_PREFIX = "CONNECT_";

  /** Each pod's own {@code rest.advertised.host.name}, through that prefix. */
  public static final String ENV_ADVERTISED_HOST =
      ENV_PROPERTY_PREFIX + "REST_ADVERTISED_HOST_NAME";

  /** The heap {@code fetch-plugins} runs with: it only downloads and unpacks. */
  /** Where Secrets the workers read (Kafka credentials, CA certificates) are mounted. */
  public static final String SECRETS_DIR = "/etc/tributary/secrets";

  /**
   * Extra Maven repositories for {@code fetch-plugins}, as JSON: {@code [{"id", "url", "mirrorOf",
   * "username", "password": {"secretName", "key"}}]}; a repository with {@code mirrorOf: central}
   * replaces Maven Central.
   */
  public static final String ENV_MAVEN_REPOSITORIES = "TRIBUTARY_MAVEN_REPOSITORIES";

  /**
   * The environment variable that carries a Secret key's value into {@code fetch-plugins} (set from
   * the Secret by the pod spec, so the value is in neither the pod spec nor plugins.json).
   */
  public static String secretEnv(String secretName, String key) {
    String readable =
        (secretName + "_" + key).toUpperCase(java.util.Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
    String unique = Integer.toHexString((secretName + "/" + key).hashCode() & 0xfffffff);
    return "TRIBUTARY_SECRET_" + readable + "_" + unique;
  }

  /** The port of the worker's Prometheus endpoint; unset turns the endpoint off. */
  public static final String ENV_METRICS_PORT = "TRIBUTARY_METRICS_PORT";

  /** The address the metrics endpoint binds (default: every interface). */
  public static final String ENV_METRICS_BIND_ADDRESS = "TRIBUTARY_METRICS_BIND_ADDRESS";

  /** A file of JMX exporter rules that come before the distribution's own. */
  public static final String ENV_METRICS_RULES = "TRIBUTARY_METRICS_RULES";

  /** The KafkaConnect a worker belongs to, a label on its metrics. */
  public static final String ENV_CLUSTER = "TRIBUTARY_CLUSTER";

  /** The pod a worker runs in, a label on its metrics. */
  public static final String ENV_POD_NAME = "POD_NAME";

  /** The container port of the metrics endpoint, named {@code metrics}. */
  public static final int METRICS_PORT = 9404;

  /** The extra rules' file name in {@link #CONFIG_DIR}. */
  public static final String METRICS_RULES = "metrics-rules.yaml";

  public static final String FETCH_PLUGINS_HEAP = "-Xmx256m";

  /**
   * The REST extension every worker runs that answers {@link #TASK_LOAD_PATH}: how busy this
   * worker's tasks are, from Connect's task metrics, for the operator's autoscaler.
   */
  public static final String TASK_LOAD_EXTENSION = "dev.tributary.worker.rest.TaskLoadExtension";

  /**
   * {@code GET} on a worker's REST API: {@code {"processCpuLoad", "processors", "tasks":
   * [{"connector", "task", "type", "recordsPerSecond", "batchSizeAvg", "batchAvgTimeMs"}]}}, where
   * a batch is a sink task's {@code put} or a source task's {@code poll}; a metric without samples
   * is left out. A sink task adds {@code sampledBusyRatio}, {@code sampledRecordsPerSecond} and
   * {@code sampledSeconds} from samples of its thread, a source task {@code recordsTotal} (records
   * polled since it started), and the answer {@code samplerCpuSeconds} and {@code samplerSeconds}:
   * what the sampling has cost its thread, since when.
   */
  public static final String TASK_LOAD_PATH = "tributary/task-load";

  /**
   * {@code GET} on a worker's REST API with query parameters {@code mbean} (an ObjectName pattern,
   * repeated for several) and {@code attribute}: {@code {"mbeans", "total"}}, how many MBeans of
   * this worker match one and carry a number there, and the sum of those numbers. A source
   * connector's backlog (records still to read upstream) is read this way from the metrics its
   * tasks register. A pattern that is not an ObjectName is a 400.
   */
  public static final String BACKLOG_PATH = "tributary/backlog";
}
