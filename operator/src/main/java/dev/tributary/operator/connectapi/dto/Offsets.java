package dev.tributary.operator.connectapi.dto;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/** {@code GET|PATCH /connectors/{c}/offsets}. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Offsets(List<PartitionOffset> offsets) {}
