package dev.tributary.operator.model;

import dev.tributary.api.Tributary.Reasons;
import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Why a worker pod's container ended, in one line that names the cause and what to check: read from
 * its termination message (the {@code error:} line the worker and {@code fetch-plugins} leave, or
 * the end of its log), never a stack frame or a line cut mid-word.
 */
public final class WorkerFailure {

  /** A reason for conditions and the sentence that goes with it. */
  public record Cause(String reason, String message) {}

  /** Longest line kept from a termination message; longer ones end at a word, with "...". */
  static final int MAX_LINE = 300;

  private static final Pattern ERROR_LINE = Pattern.compile("(?m)^error: (.+)$");
  private static final Pattern EXCEPTION_LINE =
      Pattern.compile(
          "(?m)^\\s*(Caused by: )?(?:[\\w$]+\\.)*([\\w$]*(?:Exception|Error))(?:: (.*))?$");
  private static final Pattern OUT_OF_MEMORY = Pattern.compile("OutOfMemoryError: [^\\n]+");
  private static final Pattern STACK_FRAME = Pattern.compile("^\\s*(at |\\.\\.\\. \\d+ more)");

  /** One kind of failure: how to recognise it, its reason, and how to say it. */
  private record Kind(Pattern match, String reason, Function<Matcher, String> say) {}

  private static final List<Kind> KINDS =
      List.of(
          new Kind(
              exception("\\w*(?:Sasl|SASL)AuthenticationException"),
              Reasons.KAFKA_AUTHENTICATION_FAILED,
              m -> m.group(1) + ": " + m.group(2) + " (check spec.authentication and its Secret)"),
          new Kind(
              exception(
                  "SslAuthenticationException|SSLHandshakeException|SunCertPathBuilderException"
                      + "|CertPathValidatorException|ValidatorException"),
              Reasons.KAFKA_TLS_FAILED,
              m ->
                  m.group(1)
                      + ": "
                      + m.group(2)
                      + " (check spec.tls.trustedCertificates and spec.bootstrapServers)"),
          new Kind(
              Pattern.compile(
                  "Failed to connect to and describe Kafka cluster|Timed out waiting for a node"
                      + " assignment|No resolvable bootstrap urls|UnknownHostException"),
              Reasons.KAFKA_UNREACHABLE,
              m -> null),
          new Kind(exception("ConfigException"), Reasons.WORKER_CONFIG_INVALID, m -> null));

  private WorkerFailure() {}

  /** The reason and one-line message for a container that ended as {@code terminated}. */
  public static Cause of(String container, boolean init, ContainerStateTerminated terminated) {
    String message = terminated == null ? null : terminated.getMessage();
    String line = message == null ? null : rootLine(message);
    String exit =
        terminated == null
            ? ""
            : " (exit code "
                + terminated.getExitCode()
                + (terminated.getReason() == null ? "" : ", " + terminated.getReason())
                + ")";
    if (terminated != null && "OOMKilled".equals(terminated.getReason())) {
      return new Cause(
          Reasons.OOM_KILLED,
          "container "
              + container
              + " was killed for using more memory than its limit"
              + exit
              + " (raise spec.resources.limits.memory, or lower spec.jvmOptions.xmx)");
    }
    if (init && line != null && line.startsWith("plugin '")) {
      return new Cause(
          Reasons.PLUGIN_INSTALL_FAILED,
          "a plugin cannot be installed: " + line + " (check spec.plugins)");
    }
    if (!init && message != null) {
      Optional<Cause> known = known(message, line);
      if (known.isPresent()) {
        return known.get();
      }
    }
    String why = line == null || line.isBlank() ? "" : ": " + line;
    if (line != null && line.contains("OutOfMemoryError")) {
      why += " (raise spec.jvmOptions.xmx, and spec.resources.limits.memory with it)";
    }
    return init
        ? new Cause(
            Reasons.INIT_CONTAINER_FAILED, "init container " + container + " failed" + exit + why)
        : new Cause(
            Reasons.CRASH_LOOP_BACK_OFF, "container " + container + " keeps exiting" + exit + why);
  }

  private static Optional<Cause> known(String message, String line) {
    for (Kind kind : KINDS) {
      Matcher matcher = kind.match().matcher(message);
      String said = null;
      boolean found = false;
      while (matcher.find()) {
        found = true;
        said = kind.say().apply(matcher);
      }
      if (found) {
        return Optional.of(
            new Cause(kind.reason(), said != null ? clip(said) : hinted(kind, line)));
      }
    }
    return Optional.empty();
  }

  private static String hinted(Kind kind, String line) {
    return switch (kind.reason()) {
      case Reasons.KAFKA_UNREACHABLE ->
          "the workers cannot reach Kafka: "
              + line
              + " (check spec.bootstrapServers, and that Kafka runs and its pods can be reached)";
      default -> "Connect refuses the worker's configuration: " + line + " (check spec.config)";
    };
  }

  /**
   * The line of a termination message that says why: the last {@code error:} line; else an
   * OutOfMemoryError; else a short message whole; else the outermost exception with its deepest
   * cause; else the last line that is not a stack frame.
   */
  public static String rootLine(String terminationMessage) {
    String error = null;
    Matcher errors = ERROR_LINE.matcher(terminationMessage);
    while (errors.find()) {
      error = errors.group(1);
    }
    if (error != null) {
      return clip(error.strip());
    }
    Matcher heap = OUT_OF_MEMORY.matcher(terminationMessage);
    if (heap.find()) {
      return clip(heap.group());
    }
    if (terminationMessage.strip().length() <= MAX_LINE
        && terminationMessage.lines().noneMatch(l -> STACK_FRAME.matcher(l).find())) {
      // A short message is what the process wrote as its termination message, whole.
      return clip(terminationMessage);
    }
    String outer = null;
    String deepest = null;
    Matcher exceptions = EXCEPTION_LINE.matcher(terminationMessage);
    while (exceptions.find()) {
      String said =
          exceptions.group(2)
              + (exceptions.group(3) == null ? "" : ": " + exceptions.group(3).strip());
      if (exceptions.group(1) == null && outer == null) {
        outer = said;
      } else if (exceptions.group(1) != null) {
        deepest = said;
      }
    }
    if (outer != null || deepest != null) {
      String line =
          outer == null
              ? deepest
              : deepest == null || outer.contains(deepest)
                  ? outer
                  : outer + " (caused by " + deepest + ")";
      return clip(line);
    }
    List<String> lines = terminationMessage.lines().map(String::strip).toList();
    for (int i = lines.size() - 1; i >= 0; i--) {
      if (!lines.get(i).isEmpty() && !STACK_FRAME.matcher(lines.get(i)).find()) {
        return clip(lines.get(i));
      }
    }
    return "";
  }

  static String clip(String text) {
    return clip(text, MAX_LINE);
  }

  /** {@code text} on one line, at most {@code max} characters, ending at a whole word. */
  static String clip(String text, int max) {
    String line = text.replaceAll("\\s+", " ").strip();
    if (line.length() <= max) {
      return line;
    }
    int cut = line.lastIndexOf(' ', max - 3);
    return line.substring(0, cut > max / 2 ? cut : max - 3) + "...";
  }

  /** An exception named {@code names} with its message, wherever it appears in a line. */
  private static Pattern exception(String names) {
    return Pattern.compile("(?m)(?:^|[\\s.(])(" + names + "): (.+?)\\)?$");
  }
}
