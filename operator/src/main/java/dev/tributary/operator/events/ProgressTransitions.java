package dev.tributary.operator.events;

import dev.tributary.api.Tributary.Reasons;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Events for a cluster's planned changes: when scaling or a rolling update starts (its Progressing
 * condition turns True with that reason), and when it has finished with the cluster Ready again. A
 * change that ends in a failure is reported by {@link ReadyTransitions} instead.
 */
public final class ProgressTransitions {

  static final Set<String> PLANNED = Set.of(Reasons.SCALING, Reasons.ROLLING_UPDATE);

  private ProgressTransitions() {}

  /** The Event to record for a change from {@code before} to {@code after}, if any. */
  public static Optional<Notice> between(List<Condition> before, List<Condition> after) {
    Optional<Condition> was = find(before, "Progressing").filter(c -> "True".equals(c.getStatus()));
    Optional<Condition> now = find(after, "Progressing");
    String wasReason = was.map(Condition::getReason).orElse(null);
    if (now.isPresent()
        && "True".equals(now.get().getStatus())
        && PLANNED.contains(now.get().getReason())
        && !now.get().getReason().equals(wasReason)) {
      return Optional.of(
          new Notice(false, now.get().getReason() + "Started", now.get().getMessage()));
    }
    boolean over =
        now.isEmpty()
            || !"True".equals(now.get().getStatus())
            || !Objects.equals(now.get().getReason(), wasReason);
    Optional<Condition> ready = find(after, "Ready").filter(c -> "True".equals(c.getStatus()));
    if (wasReason != null && PLANNED.contains(wasReason) && over && ready.isPresent()) {
      return Optional.of(new Notice(false, wasReason + "Finished", ready.get().getMessage()));
    }
    return Optional.empty();
  }

  /** Records the Event for that change, if any. */
  public static void record(
      Events events, HasMetadata about, List<Condition> before, List<Condition> after) {
    between(before, after).ifPresent(notice -> events.record(about, notice));
  }

  private static Optional<Condition> find(List<Condition> conditions, String type) {
    return conditions == null
        ? Optional.empty()
        : conditions.stream().filter(c -> type.equals(c.getType())).findFirst();
  }
}
