package dev.tributary.worker;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.utils.Exit;
import org.apache.logging.log4j.LogManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FatalErrorsTest {

  @AfterEach
  void restoreExit() {
    Exit.resetExitProcedure();
  }

  @Test
  void whenConnectExitsFromItsOwnThreadTheLastErrorItLoggedIsTheTerminationMessage(
      @TempDir Path dir) throws Exception {
    Path log = Files.createFile(dir.resolve("termination-log"));
    List<Integer> codes = new ArrayList<>();
    FatalErrors.install(Map.of(TerminationMessage.ENV_PATH, log.toString()), codes::add);

    // What DistributedHerder does when its thread dies: log the error, then Exit.exit(1).
    LogManager.getLogger("org.apache.kafka.connect.runtime.distributed.DistributedHerder")
        .error(
            "Uncaught exception in herder work thread, exiting: ",
            new IllegalStateException("the config topic has more than one partition"));
    Exit.exit(1);

    assertThat(codes).containsExactly(1);
    assertThat(Files.readString(log))
        .isEqualTo("error: IllegalStateException: the config topic has more than one partition");
  }
}
