package dev.tributary.api.v1alpha1;

import java.util.Arrays;

/**
 * A connector's or task's state as status reports it: Connect's own states, plus {@link #ORPHANED}
 * for a task Connect calls RUNNING on a worker whose pod is gone.
 */
public enum ConnectState {
  RUNNING,
  PAUSED,
  STOPPED,
  FAILED,
  UNASSIGNED,
  RESTARTING,
  ORPHANED;

  /**
   * The state Connect's REST API names; a state this version does not know reads as UNASSIGNED
   * (present, not running), and none as null.
   */
  public static ConnectState fromConnect(String state) {
    if (state == null) {
      return null;
    }
    return Arrays.stream(values())
        .filter(s -> s != ORPHANED && s.name().equals(state))
        .findFirst()
        .orElse(UNASSIGNED);
  }
}
