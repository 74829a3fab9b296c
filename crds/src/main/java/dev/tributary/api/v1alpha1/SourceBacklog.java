package dev.tributary.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

/**
 * Where a source connector's tasks report the records still to read upstream, for the autoscaler.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class SourceBacklog {

  /**
   * The MBean pattern of MirrorMaker 2's source tasks, with its connector's name and task in it.
   */
  public static final String MIRROR_SOURCE_MBEAN =
      "kafka.consumer:type=consumer-fetch-manager-metrics,"
          + "client-id=\"*|${connector}-${task}|replication-consumer\",topic=*,partition=*";

  public static final String MIRROR_SOURCE_ATTRIBUTE = "records-lag";

  @JsonPropertyDescription(
      "A JMX ObjectName pattern (`domain:key=value,...`, `*` and `?` wildcards) matching the"
          + " MBeans on the workers that hold the backlog, e.g. one per partition; `${connector}`"
          + " stands for this connector's name in Connect and `${task}` for a task's number, each"
          + " task's pattern asked of the worker running it. MirrorSourceConnector's default: "
          + MIRROR_SOURCE_MBEAN)
  @Required
  @Pattern("^[^:]+:.+$")
  public String mbean;

  @JsonPropertyDescription(
      "The attribute of those MBeans that counts records still to read; summed over them all."
          + " Records only: a lag in time cannot say how many tasks would drain it."
          + " MirrorSourceConnector's default: "
          + MIRROR_SOURCE_ATTRIBUTE)
  @Required
  @Pattern("^\\S+$")
  public String attribute;
}
