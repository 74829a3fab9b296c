package dev.tributary.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.generator.annotation.Default;
import java.util.List;

/** The workers' Prometheus endpoint. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class Metrics {

  @JsonPropertyDescription(
      "Serve Prometheus metrics on the container port named `metrics` (9404) at `/metrics`:"
          + " connector and task states, throughput, sink lag, errors, rebalances, JVM. Default true.")
  @Default("true")
  public Boolean enabled = true;

  @JsonPropertyDescription(
      "More JMX exporter rules (the jmx_exporter `rules` format), tried before the distribution's"
          + " own, so a rule here wins where both match.")
  public List<JsonNode> rules;
}
