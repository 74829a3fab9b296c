package dev.tributary.operator.kafkaprobe;

import java.util.Optional;

/**
 * Whether the operator can reach any of a cluster's bootstrap servers: a cause it can tell within
 * seconds, while a worker that cannot reach Kafka takes a minute to give up.
 */
@FunctionalInterface
public interface KafkaProbe {

  /** Why none of {@code bootstrapServers} can be reached, or empty when one can. */
  Optional<String> unreachable(String bootstrapServers);

  /** A probe that always reaches Kafka: for tests that are not about it. */
  KafkaProbe NEVER_UNREACHABLE = servers -> Optional.empty();
}
