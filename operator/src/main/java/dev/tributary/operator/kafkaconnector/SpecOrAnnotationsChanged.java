package dev.tributary.operator.kafkaconnector;

import dev.tributary.api.v1alpha1.KafkaConnector;
import io.javaoperatorsdk.operator.processing.event.source.filter.OnUpdateFilter;
import java.util.Objects;

/**
 * Which KafkaConnector updates start a reconcile: a spec change (generation), an annotation (the
 * restart requests, which leave the generation alone), or deletion; not our own status patches.
 */
public final class SpecOrAnnotationsChanged implements OnUpdateFilter<KafkaConnector> {
  @Override
  public boolean accept(KafkaConnector next, KafkaConnector previous) {
    var a = next.getMetadata();
    var b = previous.getMetadata();
    return !Objects.equals(a.getGeneration(), b.getGeneration())
        || !Objects.equals(a.getAnnotations(), b.getAnnotations())
        || !Objects.equals(a.getDeletionTimestamp(), b.getDeletionTimestamp())
        || !Objects.equals(a.getFinalizers(), b.getFinalizers());
  }
}
