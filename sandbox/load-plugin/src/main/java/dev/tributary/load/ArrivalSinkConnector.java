package dev.tributary.load;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.sink.SinkConnector;

/**
 * The scaling benchmark's sink: appends each record's value and the time it arrived to a file, one
 * line per record, so gaps, losses and duplicates can be counted afterwards.
 */
public final class ArrivalSinkConnector extends SinkConnector {

  static final String FILE = "file";
  static final String TASK_RATE = "task.records.per.second";
  static final String WORKER_RATE = "worker.records.per.second";

  static final ConfigDef CONFIG =
      new ConfigDef()
          .define(
              FILE, ConfigDef.Type.STRING, ConfigDef.Importance.HIGH, "File every task appends to.")
          .define(
              TASK_RATE,
              ConfigDef.Type.INT,
              0,
              ConfigDef.Range.atLeast(0),
              ConfigDef.Importance.MEDIUM,
              "Records per second one task writes at most, as a slow destination would take them;"
                  + " 0: as fast as it can. The autoscaling benchmark's bottleneck.")
          .define(
              WORKER_RATE,
              ConfigDef.Type.INT,
              0,
              ConfigDef.Range.atLeast(0),
              ConfigDef.Importance.MEDIUM,
              "Records per second all of this sink's tasks on one worker write at most, as a"
                  + " worker's CPU or network would allow; 0: no such limit.");

  private Map<String, String> props;

  @Override
  public void start(Map<String, String> props) {
    CONFIG.parse(props);
    this.props = props;
  }

  @Override
  public Class<? extends Task> taskClass() {
    return ArrivalSinkTask.class;
  }

  @Override
  public List<Map<String, String>> taskConfigs(int maxTasks) {
    List<Map<String, String>> configs = new ArrayList<>();
    for (int task = 0; task < maxTasks; task++) {
      configs.add(props);
    }
    return configs;
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
