package dev.tributary.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;

/** Connect's internal config, offset and status topics. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class StorageTopics {
  static final String TOPIC = "^[a-zA-Z0-9._-]{1,249}$";

  @JsonPropertyDescription("Config topic. Default: `<groupId>-configs`.")
  @Pattern(TOPIC)
  public String configTopic;

  @JsonPropertyDescription("Offset topic. Default: `<groupId>-offsets`.")
  @Pattern(TOPIC)
  public String offsetTopic;

  @JsonPropertyDescription("Status topic. Default: `<groupId>-status`.")
  @Pattern(TOPIC)
  public String statusTopic;

  @JsonPropertyDescription(
      "Replication factor of the three topics when Connect creates them. Default -1: the"
          + " brokers' default.replication.factor.")
  @Min(-1)
  public Integer replicationFactor;
}
