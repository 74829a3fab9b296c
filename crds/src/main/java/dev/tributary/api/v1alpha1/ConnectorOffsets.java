package dev.tributary.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;

/**
 * A connector's offsets (KIP-875), declaratively: a ConfigMap the operator keeps listing them, and
 * alter and reset operations that run once per trigger value, so a manifest kept in Git repeats
 * nothing when it is applied again.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ConnectorOffsets {

  @JsonPropertyDescription(
      "A ConfigMap (created and owned by the operator) whose key `offsets.json` holds the"
          + " connector's offsets as Connect lists them, refreshed with every check and after each"
          + " alter or reset: `kubectl get cm <name> -o jsonpath='{.data.offsets\\.json}'`.")
  public String listInto;

  @JsonPropertyDescription(
      "Set the offsets in a ConfigMap's `offsets.json` (the listing's format: source partitions"
          + " and offsets as the connector writes them; sinks `{kafka_topic, kafka_partition}` and"
          + " `{kafka_offset}`; an offset of null resets that partition). Runs once per trigger"
          + " value: the connector is stopped, the offsets altered, and its state restored.")
  public Alter alter;

  @JsonPropertyDescription(
      "Reset every offset of the connector (sinks: their consumer group's). Runs once per trigger"
          + " value: the connector is stopped, the offsets reset, and its state restored.")
  public Reset reset;

  @JsonPropertyDescription(
      "Reset the offsets when this KafkaConnector is deleted (opt in): the connector is stopped,"
          + " its offsets deleted through Connect (sinks: their consumer group's), then the"
          + " connector deleted, so one created again with the same name starts afresh instead of"
          + " resuming where this one stopped. Default false: Connect keeps the offsets.")
  public Boolean resetOnDelete;

  /** Alter once per trigger value. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class Alter {
    @JsonPropertyDescription("Change it (any string, e.g. a date) to alter once more.")
    @Required
    public String trigger;

    @JsonPropertyDescription("The ConfigMap with the offsets, in key `offsets.json`.")
    @Required
    public String fromConfigMap;
  }

  /** Reset once per trigger value. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class Reset {
    @JsonPropertyDescription("Change it (any string, e.g. a date) to reset once more.")
    @Required
    public String trigger;
  }
}
