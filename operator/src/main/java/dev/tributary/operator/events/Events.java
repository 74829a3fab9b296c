package dev.tributary.operator.events;

import io.fabric8.kubernetes.api.model.HasMetadata;

/**
 * Kubernetes Events about the resources Tributary manages: what a user needs to notice in {@code
 * kubectl describe} and {@code kubectl get events}. Messages never carry config values.
 */
public interface Events {

  /** Something happened as it should: a connector created, paused, restarted on request. */
  void normal(HasMetadata about, String reason, String message);

  /** Something needs a user's attention: a refused spec, a failed task, a give-up. */
  void warning(HasMetadata about, String reason, String message);

  /** Records {@code notice} about {@code about}. */
  default void record(HasMetadata about, Notice notice) {
    if (notice.warning()) {
      warning(about, notice.reason(), notice.message());
    } else {
      normal(about, notice.reason(), notice.message());
    }
  }

  /** Events that go nowhere, for code paths that record none. */
  Events NONE =
      new Events() {
        @Override
        public void normal(HasMetadata about, String reason, String message) {}

        @Override
        public void warning(HasMetadata about, String reason, String message) {}
      };
}
