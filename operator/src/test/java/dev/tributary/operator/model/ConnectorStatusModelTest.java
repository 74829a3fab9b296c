package dev.tributary.operator.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.api.v1alpha1.ConnectState;
import dev.tributary.api.v1alpha1.KafkaConnector;
import dev.tributary.operator.connectapi.dto.ConnectorInfo;
import dev.tributary.operator.connectapi.dto.ConnectorOverview;
import dev.tributary.operator.connectapi.dto.ConnectorStatus;
import dev.tributary.operator.connectapi.dto.StateInfo;
import dev.tributary.operator.model.ConnectorPlan.RestartHistory;
import dev.tributary.operator.model.ConnectorStatusModel.Observation;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConnectorStatusModelTest {

  static final Instant NOW = Instant.parse("2026-11-24T09:00:00Z");

  @Test
  void secretsInTheConfigNeverReachTheStatusAndTracesAreCut() {
    KafkaConnector cr = ConnectorPlanTest.connector("");
    cr.getSpec().config.put("connection.password", "s3cr3t-value");
    String longTrace =
        "org.example.AuthException: login failed "
            + "x".repeat(500)
            + "\n\tat org.example.Db.connect(Db.java:1)";
    var observed =
        new ConnectorOverview(
            new ConnectorInfo(
                "file-source",
                Map.of("connection.password", "s3cr3t-value", "topic", "lines"),
                List.of(),
                "source"),
            new ConnectorStatus(
                "file-source",
                new StateInfo(null, "RUNNING", "w1:8083", null),
                List.of(new StateInfo(0, "FAILED", "w1:8083", longTrace)),
                "source"));

    var status =
        ConnectorStatusModel.of(
            cr,
            new Observation(null, null, observed, null, RestartHistory.NONE, List.of("lines")),
            NOW);

    assertThat(status.tasks.get(0).trace)
        .startsWith("org.example.AuthException")
        .doesNotContain("\n")
        .hasSizeLessThanOrEqualTo(243);
    assertThat(status.conditions)
        .anyMatch(c -> c.getType().equals("Degraded") && c.getReason().equals("TasksFailed"));
  }

  @Test
  void aHealthyConnectorIsReadyAndAPausedOneIsReadyAsRequested() {
    var running =
        new ConnectorOverview(
            new ConnectorInfo("file-source", Map.of(), List.of(), "source"),
            new ConnectorStatus(
                "file-source",
                new StateInfo(null, "RUNNING", "w1", null),
                List.of(new StateInfo(0, "RUNNING", "w1", null)),
                "source"));
    var ready =
        ConnectorStatusModel.of(
            ConnectorPlanTest.connector(""),
            new Observation(null, null, running, null, RestartHistory.NONE, null),
            NOW);
    assertThat(ready.conditions)
        .anyMatch(
            c ->
                c.getType().equals("Ready")
                    && c.getStatus().equals("True")
                    && c.getReason().equals("Ready"));
    assertThat(ready.connectorState).isEqualTo(ConnectState.RUNNING);

    var notYet =
        ConnectorStatusModel.of(
            ConnectorPlanTest.connector("state: paused"),
            new Observation(null, null, running, null, RestartHistory.NONE, null),
            NOW);
    assertThat(notYet.conditions)
        .anyMatch(c -> c.getType().equals("Ready") && c.getStatus().equals("False"));
  }

  @Test
  void runningTasksOnAWorkerThatIsGoneAreOrphanedNotHealthy() {
    var names = new ClusterNames("pipeline", "data");
    String gone = names.podHost("pipeline-connect-1") + ":8083";
    String live = names.podHost("pipeline-connect-0") + ":8083";
    var observed =
        new ConnectorOverview(
            new ConnectorInfo("file-source", Map.of(), List.of(), "source"),
            new ConnectorStatus(
                "file-source",
                new StateInfo(null, "RUNNING", live, null),
                List.of(
                    new StateInfo(0, "RUNNING", live, null),
                    new StateInfo(1, "RUNNING", gone, null)),
                "source"));

    var status =
        ConnectorStatusModel.of(
            ConnectorPlanTest.connector(""),
            new Observation(null, null, observed, null, RestartHistory.NONE, null),
            java.util.Set.of(gone),
            NOW);

    assertThat(status.tasks)
        .extracting(t -> t.state)
        .containsExactly(ConnectState.RUNNING, ConnectState.ORPHANED);
    assertThat(status.conditions)
        .anyMatch(
            c ->
                c.getType().equals("Ready")
                    && c.getStatus().equals("False")
                    && c.getReason().equals("TasksOnDepartedWorkers")
                    && c.getMessage().contains("task(s) 1 "));
    assertThat(names.podOfWorker(gone)).contains("pipeline-connect-1");
    assertThat(names.podOfWorker("127.0.0.1:8083")).isEmpty();
    assertThat(names.podOfWorker("other-connect-1.other-connect-workers.data.svc:8083")).isEmpty();
  }

  @Test
  void aFailedTasksTraceSaysWhatFailedAndItsRootCause() {
    String trace =
        """
        org.apache.kafka.connect.errors.ConnectException: Tolerance exceeded in error handler
        \tat org.apache.kafka.connect.runtime.errors.RetryWithToleranceOperator.execAndHandleError(RetryWithToleranceOperator.java:260)
        Caused by: org.apache.kafka.connect.errors.DataException: Cast transform failed
        \tat org.apache.kafka.connect.transforms.Cast.castValueToType(Cast.java:300)
        Caused by: java.lang.NumberFormatException: For input string: "twelve"
        \tat java.base/java.lang.Integer.parseInt(Integer.java:668)
        """;

    assertThat(ConnectorStatusModel.traceSummary(trace))
        .isEqualTo(
            "org.apache.kafka.connect.errors.ConnectException: Tolerance exceeded in error handler"
                + " | caused by: java.lang.NumberFormatException: For input string: \"twelve\"");
    assertThat(ConnectorStatusModel.traceSummary("java.lang.IllegalStateException: boom\n\tat x"))
        .isEqualTo("java.lang.IllegalStateException: boom");
    assertThat(ConnectorStatusModel.traceSummary("  ")).isNull();
  }
}
