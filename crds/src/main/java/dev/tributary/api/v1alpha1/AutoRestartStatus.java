package dev.tributary.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** Automatic restarts done for a connector. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class AutoRestartStatus {
  @JsonPropertyDescription("Restarts since the connector was last healthy.")
  public Integer count;

  @JsonPropertyDescription("When the last automatic restart happened (RFC 3339).")
  public String lastRestartTime;
}
