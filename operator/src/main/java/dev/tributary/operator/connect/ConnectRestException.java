package dev.tributary.operator.connect;

/**
 * A Connect REST call that failed: the HTTP status (0 when nothing answered) and Connect's message.
 */
public class ConnectRestException extends RuntimeException {
  private final int status;

  public ConnectRestException(int status, String message, Throwable cause) {
    super(message, cause);
    this.status = status;
  }

  public int status() {
    return status;
  }

  /**
   * 409: the group is rebalancing or its leader is unknown. Connect expects the call to be retried;
   * it is a wait, not a failure.
   */
  public boolean isRebalanceInProgress() {
    return status == 409;
  }

  /** Nothing answered: connection refused, unknown host, timeout. */
  public boolean isUnreachable() {
    return status == 0;
  }
}
