package dev.tributary.operator.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStateTerminatedBuilder;
import org.junit.jupiter.api.Test;

class WorkerFailureTest {

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

  /** A log tail the kubelet cut at 2 KiB: it starts and ends mid-word (issue #25). */
  static final String CUT_TAIL =
      """
      ter.JmxReporter (Metrics)
      [2026-12-04T15:39:58,637] INFO Metrics reporters closed (Metrics)
      org.apache.kafka.connect.errors.ConnectException: Failed to connect to and describe Kafka cluster. Check worker's broker connection and security properties.
      	at org.apache.kafka.connect.runtime.WorkerConfig.lookupKafkaClusterId(WorkerConfig.java:300)
      Caused by: java.util.concurrent.ExecutionException: org.apache.kafka.common.errors.TimeoutException: Timed out waiting for a node assignment. Call: listNodes
      	at java.base/java.util.concurrent.CompletableFuture.reportGet(CompletableFuture.java:396)
      Caused by: org.apache.kafka.common.errors.TimeoutException: Timed out waiting for a node assignment. Call: listNodes
      	... 12 more
      """;

  static ContainerStateTerminated exited(int code, String reason, String message) {
    return new ContainerStateTerminatedBuilder()
        .withExitCode(code)
        .withReason(reason)
        .withMessage(message)
        .build();
  }

  @Test
  void aWrongPasswordIsAnAuthenticationFailureInOneLine() {
    var cause = WorkerFailure.of("connect", false, exited(1, "Error", WRONG_PASSWORD));
    assertThat(cause.reason()).isEqualTo("KafkaAuthenticationFailed");
    assertThat(cause.message())
        .isEqualTo(
            "SaslAuthenticationException: Authentication failed during authentication due to"
                + " invalid credentials with SASL mechanism SCRAM-SHA-512 (check spec.authentication"
                + " and its Secret)");
  }

  @Test
  void theWorkersOwnErrorLineIsReadTheSameWay() {
    String line =
        "error: ConnectException: Failed to connect to and describe Kafka cluster. (caused by"
            + " SaslAuthenticationException: Authentication failed: invalid credentials)";
    var cause = WorkerFailure.of("connect", false, exited(1, "Error", line));
    assertThat(cause.reason()).isEqualTo("KafkaAuthenticationFailed");
    assertThat(cause.message())
        .isEqualTo(
            "SaslAuthenticationException: Authentication failed: invalid credentials (check"
                + " spec.authentication and its Secret)");
  }

  @Test
  void anUntrustedCertificateIsATlsFailureNamingTheLastCause() {
    var cause = WorkerFailure.of("connect", false, exited(1, "Error", UNTRUSTED));
    assertThat(cause.reason()).isEqualTo("KafkaTlsFailed");
    assertThat(cause.message())
        .startsWith("SSLHandshakeException: PKIX path building failed")
        .endsWith("(check spec.tls.trustedCertificates and spec.bootstrapServers)");
  }

  @Test
  void theWorkersLineForAnUntrustedCertificateIsATlsFailureNotAnUnreachableKafka() {
    // As the sandbox's worker wrote it for a broker certificate its trust store lacks.
    String line =
        "error: ConnectException: Failed to connect to and describe Kafka cluster. Check worker's"
            + " broker connection and security properties. (caused by"
            + " SunCertPathBuilderException: unable to find valid certification path to requested"
            + " target)";
    var cause = WorkerFailure.of("connect", false, exited(1, "Error", line));
    assertThat(cause.reason()).isEqualTo("KafkaTlsFailed");
    assertThat(cause.message())
        .isEqualTo(
            "SunCertPathBuilderException: unable to find valid certification path to requested"
                + " target (check spec.tls.trustedCertificates and spec.bootstrapServers)");
  }

  @Test
  void aKafkaThatCannotBeReachedIsNamedFromACutLogTailWithoutItsFragments() {
    var cause = WorkerFailure.of("connect", false, exited(1, "Error", CUT_TAIL));
    assertThat(cause.reason()).isEqualTo("KafkaUnreachable");
    assertThat(cause.message())
        .isEqualTo(
            "the workers cannot reach Kafka: ConnectException: Failed to connect to and describe"
                + " Kafka cluster. Check worker's broker connection and security properties."
                + " (caused by TimeoutException: Timed out waiting for a node assignment. Call:"
                + " listNodes) (check spec.bootstrapServers, and that Kafka runs and its pods can"
                + " be reached)");
  }

  @Test
  void aPluginThatCannotBeFetchedNamesPluginArtifactAndRepository() {
    String tail =
        "[main] WARN some library noise\nerror: plugin 'nosuch', artifact"
            + " dev.tributary.nosuch:does-not-exist:jar:9.9.9: not found in"
            + " https://repo.maven.apache.org/maven2/\n";
    var cause = WorkerFailure.of("fetch-plugins", true, exited(2, "Error", tail));
    assertThat(cause.reason()).isEqualTo("PluginInstallFailed");
    assertThat(cause.message())
        .isEqualTo(
            "a plugin cannot be installed: plugin 'nosuch', artifact"
                + " dev.tributary.nosuch:does-not-exist:jar:9.9.9: not found in"
                + " https://repo.maven.apache.org/maven2/ (check spec.plugins)");
  }

  @Test
  void aConfigConnectRefusesNamesTheSetting() {
    String line =
        "error: ConfigException: Invalid value nope for configuration key.converter: Class nope"
            + " could not be found.";
    var cause = WorkerFailure.of("connect", false, exited(1, "Error", line));
    assertThat(cause.reason()).isEqualTo("WorkerConfigInvalid");
    assertThat(cause.message())
        .isEqualTo(
            "Connect refuses the worker's configuration: ConfigException: Invalid value nope for"
                + " configuration key.converter: Class nope could not be found. (check"
                + " spec.config)");
  }

  @Test
  void memoryFailuresSayWhichSettingToChange() {
    var killed = WorkerFailure.of("connect", false, exited(137, "OOMKilled", null));
    assertThat(killed.reason()).isEqualTo("OOMKilled");
    assertThat(killed.message())
        .isEqualTo(
            "container connect was killed for using more memory than its limit (exit code 137,"
                + " OOMKilled) (raise spec.resources.limits.memory, or lower spec.jvmOptions.xmx)");
    var heap =
        WorkerFailure.of(
            "connect",
            false,
            exited(3, "Error", "Terminating due to java.lang.OutOfMemoryError: Java heap space"));
    assertThat(heap.reason()).isEqualTo("CrashLoopBackOff");
    assertThat(heap.message())
        .isEqualTo(
            "container connect keeps exiting (exit code 3, Error): OutOfMemoryError: Java heap"
                + " space (raise spec.jvmOptions.xmx, and spec.resources.limits.memory with it)");
  }

  @Test
  void anUnknownFailureIsItsLastMeaningfulLineCutAtAWord() {
    String longLine = "word ".repeat(100).strip();
    String root = WorkerFailure.rootLine("something\n" + longLine + "\n\tat x.y(Z.java:1)\n");
    assertThat(root).hasSizeLessThanOrEqualTo(WorkerFailure.MAX_LINE).endsWith("word...");
    assertThat(WorkerFailure.rootLine("only line")).isEqualTo("only line");
  }
}
