package dev.tributary.operator.kafkaload;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The OAuth token endpoints the operator's own Kafka clients may call. Kafka 4 fetches tokens only
 * from URLs listed in a JVM-wide system property, so that whoever writes a client's config cannot
 * make the process call any URL. The operator keeps that guard: it does not add each KafkaConnect's
 * {@code tokenEndpointUri} by itself (any user who may create one could then make the operator call
 * any address it can reach); the platform team lists the endpoints in {@link #ENV}.
 */
public final class OAuthTokenUrls {

  /** Comma-separated token endpoint URLs the operator may call; Helm: {@code oauthTokenUrls}. */
  public static final String ENV = "TRIBUTARY_OAUTH_TOKEN_URLS";

  static final String PROPERTY = "org.apache.kafka.sasl.oauthbearer.allowed.urls";

  private OAuthTokenUrls() {}

  /** Adds {@code urls} (comma-separated) to the ones this process may call. */
  public static synchronized void allow(String urls) {
    Set<String> allowed = parse(System.getProperty(PROPERTY));
    allowed.addAll(parse(urls));
    if (!allowed.isEmpty()) {
      System.setProperty(PROPERTY, String.join(",", allowed));
    }
  }

  /** Whether this process may fetch tokens from {@code url}. */
  static boolean allowed(String url) {
    return parse(System.getProperty(PROPERTY)).contains(url.trim());
  }

  /** Why a cluster's lag cannot be read with OAuth from {@code url}, and the fix. */
  static String refusal(String url) {
    return "the operator may not fetch OAuth tokens from "
        + url
        + " (spec.authentication.tokenEndpointUri): add it to "
        + ENV
        + " on the operator (Helm: oauthTokenUrls) to read this cluster's sink lag";
  }

  private static Set<String> parse(String urls) {
    if (urls == null) {
      return new LinkedHashSet<>();
    }
    return Arrays.stream(urls.split(","))
        .map(String::trim)
        .filter(s -> !s.isEmpty())
        .collect(Collectors.toCollection(LinkedHashSet::new));
  }
}
