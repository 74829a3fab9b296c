package dev.tributary.operator.model;

import dev.tributary.api.Tributary.Reasons;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A worker that exits because it cannot connect to Kafka securely, recognised from the end of its
 * log (the container's termination message): wrong credentials or an untrusted certificate, named
 * in one line with the field to look at, instead of a bare crash loop.
 */
public final class KafkaConnectionFailure {

  record Kind(Pattern exception, String reason, String hint) {}

  private static final List<Kind> KINDS =
      List.of(
          new Kind(
              Pattern.compile("(\\w*(?:Sasl|SASL)AuthenticationException): ([^\\n]+)"),
              Reasons.KAFKA_AUTHENTICATION_FAILED,
              "check spec.authentication and its Secret"),
          new Kind(
              Pattern.compile("((?:SslAuthenticationException|SSLHandshakeException)): ([^\\n]+)"),
              Reasons.KAFKA_TLS_FAILED,
              "check spec.tls.trustedCertificates and spec.bootstrapServers"));

  private KafkaConnectionFailure() {}

  /** The reason and one-line message for a worker's termination message, if it is one of those. */
  public static Optional<String[]> of(String terminationMessage) {
    if (terminationMessage == null) {
      return Optional.empty();
    }
    for (Kind kind : KINDS) {
      Matcher matcher = kind.exception().matcher(terminationMessage);
      String last = null;
      while (matcher.find()) {
        last = simpleName(matcher.group(1)) + ": " + matcher.group(2).strip();
      }
      if (last != null) {
        return Optional.of(new String[] {kind.reason(), last + " (" + kind.hint() + ")"});
      }
    }
    return Optional.empty();
  }

  private static String simpleName(String className) {
    return className.substring(className.lastIndexOf('.') + 1);
  }
}
