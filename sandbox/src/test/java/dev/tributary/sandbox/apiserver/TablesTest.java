package dev.tributary.sandbox.apiserver;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class TablesTest {

  @Test
  void aPodStuckInItsInitContainerCountsThatContainersRestartsAsKubectlDoes() throws Exception {
    String pods =
        """
        {"kind":"PodList","items":[{"metadata":{"name":"broken-connect-0",
          "creationTimestamp":"2026-12-01T10:00:00Z"},
          "spec":{"containers":[{"name":"worker"}],"initContainers":[{"name":"fetch-plugins"}]},
          "status":{"phase":"Pending","podIP":"127.0.1.12",
            "initContainerStatuses":[{"name":"fetch-plugins","restartCount":5,
              "state":{"waiting":{"reason":"CrashLoopBackOff"}},
              "lastState":{"terminated":{"exitCode":1,"reason":"Error"}}}],
            "containerStatuses":[{"name":"worker","restartCount":0,"ready":false,
              "state":{"waiting":{"reason":"PodInitializing"}}}]}}]}
        """;

    String table =
        new Tables(List.of())
            .table("/api/v1/namespaces/sandbox/pods", pods, Instant.parse("2026-12-01T10:01:00Z"));

    var cells = new ObjectMapper().readTree(table).at("/rows/0/cells");
    assertThat(cells.get(2).asText()).isEqualTo("Init:CrashLoopBackOff");
    assertThat(cells.get(3).asInt()).as("RESTARTS").isEqualTo(5);
  }
}
