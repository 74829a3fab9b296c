package dev.tributary.operator.connectapi;

/**
 * A Connect REST call that failed: the HTTP status (0 when nothing answered, -1 when the answer
 * could not be read) and Connect's message.
 */
public class ConnectRestException extends RuntimeException {
  /** The status of an answer that came back but could not be read. */
  public static final int UNPARSEABLE = -1;

  private final int status;

  public ConnectRestException(int status, String message, Throwable cause) {
    super(message, cause);
    this.status = status;
  }

  /** What Connect said, without the request and status this exception's message starts with. */
  public String connectMessage() {
    String message = getMessage() == null ? "" : getMessage();
    return message.replaceFirst("^[A-Z]+ \\S*: HTTP \\d{3}: ", "");
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
