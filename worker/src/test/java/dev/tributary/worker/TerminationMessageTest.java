package dev.tributary.worker;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.connect.errors.ConnectException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TerminationMessageTest {

  @Test
  void aUserErrorIsItsOwnMessage() {
    assertThat(TerminationMessage.line(new UserError("plugin 'x', artifact a:b:1: not found")))
        .isEqualTo("error: plugin 'x', artifact a:b:1: not found");
  }

  @Test
  void connectsKafkaFailureKeepsItsOwnWordsAndTheRootCause() {
    // What ConnectUtils.lookupKafkaClusterId throws when no broker answers.
    var root = new TimeoutException("Timed out waiting for a node assignment. Call: listNodes");
    var failure =
        new ConnectException(
            "Failed to connect to and describe Kafka cluster. Check worker's broker connection"
                + " and security properties.",
            new ExecutionException(root));
    assertThat(TerminationMessage.line(failure))
        .isEqualTo(
            "error: ConnectException: Failed to connect to and describe Kafka cluster. Check"
                + " worker's broker"
                + " connection and security properties. (caused by TimeoutException: Timed out"
                + " waiting for a node assignment. Call: listNodes)");
  }

  @Test
  void aWrapperThatOnlyRepeatsItsCauseIsSkipped() {
    var failure = new RuntimeException(new IllegalStateException("config topic missing"));
    assertThat(TerminationMessage.line(failure))
        .isEqualTo("error: IllegalStateException: config topic missing");
  }

  @Test
  void aMultiLineMessageBecomesOneLine() {
    assertThat(TerminationMessage.line(new UserError("first\n  second\r\nthird")))
        .isEqualTo("error: first second third");
  }

  @Test
  void aLoggedErrorWithoutAnExceptionIsItsMessage() {
    assertThat(TerminationMessage.line(new TerminationMessage.Logged("Herder stopped")))
        .isEqualTo("error: Herder stopped");
  }

  @Test
  void theLineIsPrintedAndWrittenWhereTheKubeletReadsIt(@TempDir Path dir) throws Exception {
    Path log = Files.createFile(dir.resolve("termination-log"));
    var err = new ByteArrayOutputStream();
    TerminationMessage.report(
        "error: boom",
        new PrintStream(err, true, StandardCharsets.UTF_8),
        Map.of(TerminationMessage.ENV_PATH, log.toString()));
    assertThat(Files.readString(log)).isEqualTo("error: boom");
    assertThat(err.toString(StandardCharsets.UTF_8))
        .isEqualTo("error: boom" + System.lineSeparator());
  }

  @Test
  void withoutAKubeletsFileOnlyStderrGetsTheLine(@TempDir Path dir) {
    Path missing = dir.resolve("no-such-file");
    var err = new ByteArrayOutputStream();
    TerminationMessage.report(
        "error: boom",
        new PrintStream(err, true, StandardCharsets.UTF_8),
        Map.of(TerminationMessage.ENV_PATH, missing.toString()));
    assertThat(missing).doesNotExist();
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("error: boom");
  }
}
