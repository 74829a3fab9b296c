package dev.tributary.worker;

/** A mistake in what the user asked for: reported as one clear line, without a stack trace. */
public class UserError extends RuntimeException {
  public UserError(String message) {
    super(message);
  }

  public UserError(String message, Throwable cause) {
    super(message, cause);
  }
}
