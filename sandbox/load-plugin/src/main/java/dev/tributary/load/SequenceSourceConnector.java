package dev.tributary.load;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.source.ExactlyOnceSupport;
import org.apache.kafka.connect.source.SourceConnector;

/**
 * A steady load for the scaling benchmark. Each task stands for an origin (a table, a log) where
 * record {@code n} appears at {@code origin.start.ms + n / rate}; the task moves those records,
 * sequence-numbered and timestamped, into its own partition, resuming after its last committed
 * sequence number and catching up on what appeared while it was not running.
 */
public final class SequenceSourceConnector extends SourceConnector {

  static final String TOPIC = "topic";
  static final String RATE = "records.per.second";
  static final String ORIGIN_START = "origin.start.ms";
  static final String TASK_ID = "task.id";

  static final ConfigDef CONFIG =
      new ConfigDef()
          .define(TOPIC, ConfigDef.Type.STRING, ConfigDef.Importance.HIGH, "Topic to write to.")
          .define(
              RATE,
              ConfigDef.Type.INT,
              20,
              ConfigDef.Range.between(1, 10_000),
              ConfigDef.Importance.MEDIUM,
              "Records each task's origin produces per second.")
          .define(
              ORIGIN_START,
              ConfigDef.Type.LONG,
              ConfigDef.Importance.HIGH,
              "Epoch millis when the origin held record 0; fixed, so a moved task keeps the pace.");

  private Map<String, String> props;

  @Override
  public void start(Map<String, String> props) {
    CONFIG.parse(props);
    this.props = props;
  }

  @Override
  public Class<? extends Task> taskClass() {
    return SequenceSourceTask.class;
  }

  @Override
  public List<Map<String, String>> taskConfigs(int maxTasks) {
    List<Map<String, String>> configs = new ArrayList<>();
    for (int task = 0; task < maxTasks; task++) {
      Map<String, String> config = new HashMap<>(props);

      config.put(TASK_ID, Integer.toString(task));
      configs.add(config);
    }
    return configs;
  }

  /** Its offsets and records can go in one transaction: what KIP-618 needs. */
  @Override
  public ExactlyOnceSupport exactlyOnceSupport(Map<String, String> connectorConfig) {
    return ExactlyOnceSupport.SUPPORTED;
  }

  @Override
  public void stop() {}

  @Override
  public ConfigDef config() {
    return CONFIG;
  }

  @Override
  public String version() {
    return "1";
  }
}
