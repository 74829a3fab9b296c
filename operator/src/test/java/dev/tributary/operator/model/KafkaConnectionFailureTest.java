package dev.tributary.operator.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class KafkaConnectionFailureTest {

  /** The end of a worker's log after a wrong SCRAM password, as captured in the sandbox. */
  static final String WRONG_PASSWORD =
      """
      	at dev.tributary.worker.WorkerMain.main(WorkerMain.java:41)
      Caused by: java.util.concurrent.ExecutionException: org.apache.kafka.common.errors.SaslAuthenticationException: Authentication failed during authentication due to invalid credentials with SASL mechanism SCRAM-SHA-512
      	at java.base/java.util.concurrent.CompletableFuture.reportGet(CompletableFuture.java:396)
      	at org.apache.kafka.connect.runtime.WorkerConfig.lookupKafkaClusterId(WorkerConfig.java:312)
      	... 14 more
      Caused by: org.apache.kafka.common.errors.SaslAuthenticationException: Authentication failed during authentication due to invalid credentials with SASL mechanism SCRAM-SHA-512
      """;

  static final String UNTRUSTED =
      """
      Caused by: org.apache.kafka.common.errors.SslAuthenticationException: SSL handshake failed
      Caused by: javax.net.ssl.SSLHandshakeException: PKIX path building failed: unable to find valid certification path to requested target
      """;

  @Test
  void aWrongPasswordIsAnAuthenticationFailureInOneLine() {
    assertThat(KafkaConnectionFailure.of(WRONG_PASSWORD))
        .hasValueSatisfying(
            why -> {
              assertThat(why[0]).isEqualTo("KafkaAuthenticationFailed");
              assertThat(why[1])
                  .isEqualTo(
                      "SaslAuthenticationException: Authentication failed during authentication"
                          + " due to invalid credentials with SASL mechanism SCRAM-SHA-512"
                          + " (check spec.authentication and its Secret)");
            });
  }

  @Test
  void anUntrustedCertificateIsATlsFailureNamingTheLastCause() {
    assertThat(KafkaConnectionFailure.of(UNTRUSTED))
        .hasValueSatisfying(
            why -> {
              assertThat(why[0]).isEqualTo("KafkaTlsFailed");
              assertThat(why[1])
                  .startsWith("SSLHandshakeException: PKIX path building failed")
                  .endsWith("(check spec.tls.trustedCertificates and spec.bootstrapServers)");
            });
  }

  @Test
  void otherCrashesAreNotKafkaFailures() {
    assertThat(KafkaConnectionFailure.of("java.lang.OutOfMemoryError: Java heap space")).isEmpty();
    assertThat(KafkaConnectionFailure.of(null)).isEmpty();
  }
}
