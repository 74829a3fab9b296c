package dev.tributary.sandbox.cluster;

import io.fabric8.kubernetes.api.model.Probe;

/**
 * A kubelet probe's state, as a pure function of its results: a probe runs every {@code
 * periodSeconds}, and the container's state flips only after {@code failureThreshold} failures or
 * {@code successThreshold} successes in a row, so one slow answer does not make a pod unready.
 */
record ProbeState(boolean passing, int failures, int successes, long lastRunMillis) {

  static final ProbeState INITIAL = new ProbeState(false, 0, 0, Long.MIN_VALUE / 2);

  /** Whether the probe is due at {@code now}, given when the container started. */
  boolean due(Probe probe, long startedMillis, long now) {
    long initialDelay = seconds(probe.getInitialDelaySeconds(), 0) * 1000;
    return now - startedMillis >= initialDelay
        && now - lastRunMillis >= seconds(probe.getPeriodSeconds(), 10) * 1000;
  }

  /** The state after one probe that succeeded or not at {@code now}. */
  ProbeState next(Probe probe, boolean success, long now) {
    int failures = success ? 0 : this.failures + 1;
    int successes = success ? this.successes + 1 : 0;
    boolean passing = this.passing;
    if (success && successes >= seconds(probe.getSuccessThreshold(), 1)) {
      passing = true;
    } else if (!success && failures >= seconds(probe.getFailureThreshold(), 3)) {
      passing = false;
    }
    return new ProbeState(passing, failures, successes, now);
  }

  /** The probe's timeout, in milliseconds. */
  static long timeoutMillis(Probe probe) {
    return seconds(probe.getTimeoutSeconds(), 1) * 1000;
  }

  private static long seconds(Integer value, int byDefault) {
    return value == null ? byDefault : value;
  }
}
