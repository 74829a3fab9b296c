package dev.tributary.operator.model;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds a fixed set of conditions, keeping lastTransitionTime while a condition's status holds.
 */
public final class ConditionSet {

  public static final String TRUE = "True";
  public static final String FALSE = "False";

  private final List<Condition> previous;
  private final long generation;
  private final Instant now;
  private final List<Condition> result = new ArrayList<>();

  public ConditionSet(List<Condition> previous, Long generation, Instant now) {
    this.previous = previous == null ? List.of() : previous;
    this.generation = generation == null ? 0 : generation;
    this.now = now;
  }

  public ConditionSet set(String type, boolean status, String reason, String message) {
    String value = status ? TRUE : FALSE;
    String since =
        previous.stream()
            .filter(c -> c.getType().equals(type) && c.getStatus().equals(value))
            .map(Condition::getLastTransitionTime)
            .findFirst()
            .orElse(DateTimeFormatter.ISO_INSTANT.format(now.truncatedTo(ChronoUnit.SECONDS)));
    result.add(
        new ConditionBuilder()
            .withType(type)
            .withStatus(value)
            .withReason(reason)
            .withMessage(message)
            .withObservedGeneration(generation)
            .withLastTransitionTime(since)
            .build());
    return this;
  }

  /** Whether {@code conditions} hold one of {@code type} whose status is True. */
  public static boolean isTrue(List<Condition> conditions, String type) {
    return conditions != null
        && conditions.stream()
            .anyMatch(c -> type.equals(c.getType()) && TRUE.equals(c.getStatus()));
  }

  public List<Condition> build() {
    return List.copyOf(result);
  }
}
