package dev.tributary.worker;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The one line a failed worker or {@code fetch-plugins} leaves behind: {@code error: <why>},
 * printed last on stderr and written where the kubelet reads a container's termination message, so
 * pod status (and the KafkaConnect's conditions) carry the cause rather than a log tail.
 */
public final class TerminationMessage {

  /** Where the termination message goes; the kubelet's default path unless this says otherwise. */
  public static final String ENV_PATH = "TRIBUTARY_TERMINATION_LOG";

  public static final String DEFAULT_PATH = "/dev/termination-log";

  /** What Kubernetes keeps of a termination message; longer ones are cut. */
  static final int MAX_LENGTH = 4096;

  private TerminationMessage() {}

  /**
   * One line for {@code failure}: a {@link UserError}'s own message; otherwise the outermost
   * message, then the root cause's (class and message) when it says something more.
   */
  public static String line(Throwable failure) {
    if (failure instanceof UserError) {
      return "error: " + oneLine(failure.getMessage());
    }
    List<Throwable> chain = new ArrayList<>();
    for (Throwable t = failure; t != null && !chain.contains(t); t = t.getCause()) {
      chain.add(t);
    }
    Throwable outer = firstWithMessage(chain);
    Throwable root = chain.get(chain.size() - 1);
    String text = describe(outer);
    if (root != outer && root.getMessage() != null && !text.contains(root.getMessage().strip())) {
      text += " (caused by " + describe(root) + ")";
    }
    return "error: " + oneLine(text);
  }

  /** Prints {@code line} on {@code err} and writes it as the termination message, if it can. */
  public static void report(String line, PrintStream err, Map<String, String> environment) {
    err.println(line);
    err.flush();
    Path path = Path.of(environment.getOrDefault(ENV_PATH, DEFAULT_PATH));
    // The kubelet creates the file; elsewhere (a laptop, a test) there is nothing to write to.
    if (!Files.isRegularFile(path) || !Files.isWritable(path)) {
      return;
    }
    byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
    try {
      Files.write(
          path, bytes.length > MAX_LENGTH ? java.util.Arrays.copyOf(bytes, MAX_LENGTH) : bytes);
    } catch (IOException e) {
      err.println("(could not write the termination message to " + path + ": " + e + ")");
    }
  }

  private static Throwable firstWithMessage(List<Throwable> chain) {
    for (Throwable t : chain) {
      if (t.getMessage() != null && !t.getMessage().isBlank() && !wrapsItsCause(t)) {
        return t;
      }
    }
    return chain.get(chain.size() - 1);
  }

  /** An ExecutionException and its kind repeat their cause's toString() as their message. */
  private static boolean wrapsItsCause(Throwable t) {
    return t.getCause() != null && t.getMessage().equals(t.getCause().toString());
  }

  private static String describe(Throwable t) {
    if (t instanceof Logged) {
      return t.getMessage();
    }
    String name = t.getClass().getSimpleName();
    String message = t.getMessage();
    return message == null || message.isBlank() ? name : name + ": " + message.strip();
  }

  /** An error logged without an exception: its message is all there is. */
  public static final class Logged extends RuntimeException {
    public Logged(String message) {
      super(message, null, false, false);
    }
  }

  private static String oneLine(String text) {
    return text == null ? "" : text.replaceAll("\\s*\\R\\s*", " ").strip();
  }
}
