package dev.tributary.operator.connectapi.dto;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.Map;

/** One source partition or sink topic-partition with its offset. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PartitionOffset(Map<String, Object> partition, Map<String, Object> offset) {}
