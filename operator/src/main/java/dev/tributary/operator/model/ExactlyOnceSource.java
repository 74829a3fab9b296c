package dev.tributary.operator.model;

import dev.tributary.api.v1alpha1.KafkaConnectSpec;
import dev.tributary.api.v1alpha1.KafkaConnectStatus;

/**
 * spec.exactlyOnceSource as Connect requires it turned on (KIP-618): every worker first runs with
 * {@code preparing}, and only then with {@code enabled}: two rolls, the second once the first has
 * settled. The phase is also a pod template annotation: status shows it once every worker runs that
 * template, and that status decides the next phase.
 */
public final class ExactlyOnceSource {

  public static final String PROPERTY = "exactly.once.source.support";
  public static final String DISABLED = "disabled";
  public static final String PREPARING = "preparing";
  public static final String ENABLED = "enabled";

  private ExactlyOnceSource() {}

  /**
   * The phase the workers should be rolled to now, or null for a cluster that never had it on (its
   * workers keep Connect's default and roll for nothing).
   */
  public static String phaseToRun(KafkaConnectSpec spec, KafkaConnectStatus status) {
    String running = status == null ? null : status.exactlyOnceSource;
    if (!Boolean.TRUE.equals(spec.exactlyOnceSource)) {
      return running == null ? null : DISABLED;
    }
    return PREPARING.equals(running) || ENABLED.equals(running) ? ENABLED : PREPARING;
  }
}
