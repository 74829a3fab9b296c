package dev.tributary.operator.model;

import dev.tributary.api.v1alpha1.KafkaConnectorSpec;
import dev.tributary.api.v1alpha1.SourceBacklog;
import java.util.Optional;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;

/**
 * Where a source connector's backlog is read: spec.sourceBacklog, or for MirrorMaker 2's source
 * connector its replication consumers' per-partition {@code records-lag}, which it registers on the
 * worker running each task.
 */
public final class SourceBacklogs {

  public static final String MIRROR_SOURCE_CLASS =
      "org.apache.kafka.connect.mirror.MirrorSourceConnector";

  private static final String CONNECTOR = "${connector}";

  private static final String TASK = "${task}";

  private SourceBacklogs() {}

  /**
   * The MBean pattern, with the connector's name in it, and the attribute to sum. Where it names a
   * task, each task's pattern is asked of the worker running that task.
   */
  public record Query(String mbean, String attribute) {

    public boolean perTask() {
      return mbean.contains(TASK);
    }

    public String forTask(int task) {
      return mbean.replace(TASK, Integer.toString(task));
    }
  }

  /** The backlog to read for a connector named {@code connectName} in Connect, if any. */
  public static Optional<Query> of(KafkaConnectorSpec spec, String connectName) {
    if (spec == null) {
      return Optional.empty();
    }
    SourceBacklog backlog = spec.sourceBacklog;
    if (backlog == null && MIRROR_SOURCE_CLASS.equals(spec.connectorClass)) {
      backlog = new SourceBacklog();
      backlog.mbean = SourceBacklog.MIRROR_SOURCE_MBEAN;
      backlog.attribute = SourceBacklog.MIRROR_SOURCE_ATTRIBUTE;
    }
    if (backlog == null || backlog.mbean == null || backlog.attribute == null) {
      return Optional.empty();
    }
    return Optional.of(new Query(withName(backlog.mbean, connectName), backlog.attribute.trim()));
  }

  /** What is wrong with spec.sourceBacklog, naming the field and the fix; empty when nothing. */
  public static Optional<String> problem(SourceBacklog backlog) {
    if (backlog == null) {
      return Optional.empty();
    }
    if (backlog.attribute == null || backlog.attribute.isBlank()) {
      return Optional.of(
          "spec.sourceBacklog.attribute is required: the MBean attribute counting records still"
              + " to read, e.g. "
              + SourceBacklog.MIRROR_SOURCE_ATTRIBUTE);
    }
    String mbean = backlog.mbean == null ? "" : backlog.mbean;
    try {
      new ObjectName(withName(mbean, "connector").replace(TASK, "0"));
      return Optional.empty();
    } catch (MalformedObjectNameException e) {
      return Optional.of(
          "spec.sourceBacklog.mbean '"
              + mbean
              + "' is not a JMX ObjectName pattern ("
              + e.getMessage()
              + "): write domain:key=value,... with * or ? as wildcards, e.g. "
              + SourceBacklog.MIRROR_SOURCE_MBEAN);
    }
  }

  /**
   * The pattern with {@code ${connector}} replaced by the name, escaped as a quoted ObjectName
   * value escapes it, so a name holding {@code *} or {@code "} matches only itself.
   */
  static String withName(String mbean, String connectName) {
    String quoted = ObjectName.quote(connectName);
    return mbean.replace(CONNECTOR, quoted.substring(1, quoted.length() - 1));
  }
}
