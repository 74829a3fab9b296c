package dev.tributary.sandbox.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.tributary.sandbox.process.TaskTimeline.Step;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TaskTimelineTest {

  static final String W0 =
      "[Worker clientId=connect-c-connect-0.c-connect-workers.ns.svc:8083, groupId=ns.c]";
  static final String W1 =
      "[Worker clientId=connect-c-connect-1.c-connect-workers.ns.svc:8083, groupId=ns.c]";

  static long at(String time) {
    return LocalDateTime.parse("2026-12-02T" + time.replace(',', '.'))
        .atZone(ZoneId.systemDefault())
        .toInstant()
        .toEpochMilli();
  }

  @Test
  void aScaleOutMoveReadsAsRevokeStopCommitSecondRoundStartAndArrivals() {
    // Lines as Connect 4.x logs them (trimmed), when worker 1 joins and takes source-2 over.
    List<String> worker0 =
        List.of(
            "[2026-12-02T02:53:12,556] INFO " + W0 + " Rebalance started (WorkerCoordinator)",
            "[2026-12-02T02:53:12,564] INFO "
                + W0
                + " Successfully joined group with generation Generation{generationId=5, memberId='x',"
                + " protocol='sessioned'} (WorkerCoordinator)",
            "[2026-12-02T02:53:12,570] INFO "
                + W0
                + " Joined group at generation 5 with protocol version 2 and got assignment:"
                + " Assignment{error=0, leader='x', leaderUrl='http://x/', offset=16,"
                + " connectorIds=[s], taskIds=[s-0, s-1], revokedConnectorIds=[],"
                + " revokedTaskIds=[s-2, s-12], delay=0} with rebalance delay: 0 (DistributedHerder)",
            "[2026-12-02T02:53:12,575] INFO Stopping task s-2 (Worker)",
            "[2026-12-02T02:53:12,575] INFO Stopping task s-12 (Worker)",
            "[2026-12-02T02:53:12,591] INFO WorkerSourceTask{id=s-2} Committing offsets for 20"
                + " acknowledged messages (WorkerSourceTask)",
            "[2026-12-02T02:53:12,600] INFO [Producer clientId=connector-producer-s-2] Closing",
            "[2026-12-02T02:53:20,000] INFO Stopping task s-2 (Worker)");
    List<String> worker1 =
        List.of(
            "[2026-12-02T02:53:15,569] INFO "
                + W1
                + " Successfully joined group with generation Generation{generationId=6, memberId='y',"
                + " protocol='sessioned'} (WorkerCoordinator)",
            "[2026-12-02T02:53:15,582] INFO "
                + W1
                + " Joined group at generation 6 with protocol version 2 and got assignment:"
                + " Assignment{error=0, leader='x', leaderUrl='http://x/', offset=16,"
                + " connectorIds=[], taskIds=[s-2], revokedConnectorIds=[], revokedTaskIds=[],"
                + " delay=0} with rebalance delay: 0 (DistributedHerder)",
            "[2026-12-02T02:53:15,590] INFO " + W1 + " Starting task s-2 (DistributedHerder)",
            "a continuation line without a time stamp, Starting task s-2 ");

    List<Step> steps =
        TaskTimeline.of(
            "s-2",
            new Arrivals.Gap(at("02:53:12,520"), at("02:53:15,700")),
            Map.of("connect-0", worker0, "connect-1", worker1),
            at("02:53:12,000"),
            at("02:53:16,000"));

    assertThat(steps)
        .extracting(Step::worker, Step::what)
        .containsExactly(
            tuple("sink", "last record before the stall arrives"),
            tuple("connect-0", "worker group: rebalance starts, rejoins"),
            tuple("connect-0", "worker group: generation 5 formed"),
            tuple("connect-0", "gen 5: must give the task up"),
            tuple("connect-0", "stops the task"),
            tuple("connect-0", "commits the task's offsets"),
            tuple("connect-1", "worker group: generation 6 formed"),
            tuple("connect-1", "gen 6: has the task"),
            tuple("connect-1", "starts the task"),
            tuple("sink", "first new record after the stall arrives"));
    assertThat(steps.get(1).at()).isEqualTo(at("02:53:12,556"));
    assertThat(TaskTimeline.markdown(steps, at("02:53:12,000")))
        .contains("| +3.590 | connect-1 | starts the task |");
  }
}
