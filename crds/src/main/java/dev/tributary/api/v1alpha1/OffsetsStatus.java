package dev.tributary.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** What became of spec.offsets. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class OffsetsStatus {

  @JsonPropertyDescription("The spec.offsets.alter trigger last acted on.")
  public String lastAlterTrigger;

  @JsonPropertyDescription("The spec.offsets.reset trigger last acted on.")
  public String lastResetTrigger;

  @JsonPropertyDescription(
      "The operation under way (`alter <trigger>` or `reset <trigger>`): the connector is held"
          + " STOPPED until it is done.")
  public String inProgress;

  @JsonPropertyDescription("How the last operation ended: Connect's answer, or why it was refused.")
  public String lastResult;
}
