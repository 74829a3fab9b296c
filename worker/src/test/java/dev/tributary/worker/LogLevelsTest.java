package dev.tributary.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogLevelsTest {

  @TempDir Path dir;

  @Test
  void levelsBesideTheWorkerPropertiesAreSetBeforeConnectStarts() throws Exception {
    Path properties = Files.writeString(dir.resolve("worker.properties"), "group.id=g\n");
    Files.writeString(
        dir.resolve("loggers.properties"), "org.example.jdbc=TRACE\norg.example.noisy=warn\n");

    LogLevels.applyBeside(properties);

    assertThat(LogManager.getLogger("org.example.jdbc.Task").getLevel()).isEqualTo(Level.TRACE);
    assertThat(LogManager.getLogger("org.example.noisy").getLevel()).isEqualTo(Level.WARN);
  }

  @Test
  void noFileNoChangeAndABadLevelIsNamed() throws Exception {
    assertThat(LogLevels.read(dir.resolve("loggers.properties"))).isEmpty();
    Files.writeString(dir.resolve("loggers.properties"), "org.example=LOUD\n");
    assertThatThrownBy(() -> LogLevels.read(dir.resolve("loggers.properties")))
        .isInstanceOf(UserError.class)
        .hasMessageContaining("org.example has no log level 'LOUD'");
  }
}
