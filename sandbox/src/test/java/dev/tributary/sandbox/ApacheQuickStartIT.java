package dev.tributary.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tributary.sandbox.process.Ports;
import dev.tributary.sandbox.process.Records;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Apache Kafka Connect's own quick start, unchanged, on the worker distribution: {@code
 * bin/connect-standalone.sh config/connect-standalone.properties
 * config/connect-file-source.properties config/connect-file-sink.properties}, lines from test.txt
 * arriving in test.sink.txt. Only the broker's address and a free REST port come from the
 * environment, as {@code CONNECT_*} overrides.
 */
@ExtendWith(SharedKafka.class)
class ApacheQuickStartIT {

  @Test
  void theKafkaConnectQuickStartRunsUnchanged() throws Exception {
    Path home = TestPaths.workerHome();
    Path dir = TestPaths.freshDir("apache-quick-start");
    Files.write(dir.resolve("test.txt"), List.of("foo", "bar"));
    var builder =
        new ProcessBuilder(
                home.resolve("bin/connect-standalone.sh").toString(),
                home.resolve("config/connect-standalone.properties").toString(),
                home.resolve("config/connect-file-source.properties").toString(),
                home.resolve("config/connect-file-sink.properties").toString())
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("worker.log").toFile());
    builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
    builder.environment().put("TRIBUTARY_HEAP_OPTS", "-Xms64m -Xmx384m");
    builder.environment().put("CONNECT_BOOTSTRAP_SERVERS", SharedKafka.broker().bootstrapServers());
    builder.environment().put("CONNECT_LISTENERS", "http://127.0.0.1:" + Ports.free());
    builder
        .environment()
        .put("CONNECT_OFFSET_STORAGE_FILE_FILENAME", dir.resolve("connect.offsets").toString());
    Process worker = builder.start();
    try {
      await()
          .atMost(Duration.ofSeconds(90))
          .untilAsserted(
              () ->
                  assertThat(Records.linesOf(dir.resolve("test.sink.txt")))
                      .as("see %s", dir.resolve("worker.log"))
                      .containsExactly("foo", "bar"));
    } finally {
      worker.destroy();
      if (!worker.waitFor(30, TimeUnit.SECONDS)) {
        worker.destroyForcibly();
      }
    }
  }
}
