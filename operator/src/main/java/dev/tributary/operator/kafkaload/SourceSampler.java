package dev.tributary.operator.kafkaload;

import dev.tributary.operator.connectapi.ConnectClients;
import dev.tributary.operator.connectapi.dto.ConnectorOverview;
import dev.tributary.operator.connectapi.dto.StateInfo;
import dev.tributary.operator.connectapi.dto.WorkerBacklog;
import dev.tributary.operator.connectapi.dto.WorkerTaskLoad;
import dev.tributary.operator.model.ClusterNames;
import dev.tributary.operator.model.PolledRecords;
import dev.tributary.operator.model.SinkLoad;
import dev.tributary.operator.model.SourceBacklogs;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One cluster's sources with a backlog to read: at each look, asks every worker running one of
 * their tasks for the backlog its tasks report ({@code GET /tributary/backlog}) and counts the
 * records their tasks polled (from the task-load answers), as a sample shaped like a sink's: the
 * records polled are its committed offsets, and those plus the backlog its end offsets. A source is
 * left out of a look where a worker running one of its tasks did not answer, or nothing matched.
 */
final class SourceSampler {

  /** A running source connector and where its backlog is read. */
  record Source(ConnectorOverview overview, SourceBacklogs.Query query) {}

  /** The samples taken, and why each source left out was (for the log). */
  record Sampled(Map<String, SinkLoad.Sample> samples, Map<String, String> unread) {}

  private final ConnectClients clients;
  private final Map<String, PolledRecords> polled = new HashMap<>();

  SourceSampler(ConnectClients clients) {
    this.clients = clients;
  }

  Sampled sample(
      ClusterNames cluster,
      Map<String, Source> sources,
      Map<String, WorkerTaskLoad> answers,
      Instant now)
      throws InterruptedException {
    polled.keySet().retainAll(sources.keySet());
    Map<String, SinkLoad.Sample> samples = new TreeMap<>();
    Map<String, String> unread = new TreeMap<>();
    for (var entry : sources.entrySet()) {
      String name = entry.getKey();
      Source source = entry.getValue();
      List<StateInfo> running = TaskLoadSampler.runningTasks(source.overview());
      Optional<Map<String, Double>> counts = polledCounts(name, running, answers);
      if (running.isEmpty()) {
        unread.put(name, "none of its tasks is running");
        continue;
      }
      if (counts.isEmpty()) {
        unread.put(name, "a worker running one of its tasks did not tell its records polled");
        continue;
      }
      Optional<WorkerBacklog> backlog = backlog(cluster, source.query(), running);
      if (backlog.isEmpty()) {
        unread.put(name, "a worker running one of its tasks did not tell its backlog");
        continue;
      }
      if (backlog.get().mbeans() == 0) {
        unread.put(
            name,
            "no MBean on the workers running its tasks matches "
                + source.query().mbean()
                + " with a number in "
                + source.query().attribute()
                + " (spec.sourceBacklog)");
        continue;
      }
      double total = polled.computeIfAbsent(name, n -> new PolledRecords()).add(counts.get());
      long records = Math.round(total);
      samples.put(
          name, new SinkLoad.Sample(now, 0, records + Math.round(backlog.get().total()), records));
    }
    return new Sampled(samples, unread);
  }

  /** Each running task's records polled, keyed by task and worker; empty when one is missing. */
  static Optional<Map<String, Double>> polledCounts(
      String connector, List<StateInfo> running, Map<String, WorkerTaskLoad> answers) {
    Map<String, Double> counts = new HashMap<>();
    for (StateInfo task : running) {
      WorkerTaskLoad answer = answers.get(task.workerId());
      Double count =
          answer == null || task.id() == null
              ? null
              : answer.tasks().stream()
                  .filter(
                      t ->
                          "source".equals(t.type())
                              && connector.equals(t.connector())
                              && t.task() == task.id())
                  .map(WorkerTaskLoad.Task::recordsTotal)
                  .filter(c -> c != null)
                  .findFirst()
                  .orElse(null);
      if (count == null) {
        return Optional.empty();
      }
      counts.put(task.id() + "@" + task.workerId(), count);
    }
    return Optional.of(counts);
  }

  /** The backlog summed over the workers running the tasks; empty when one did not answer. */
  private Optional<WorkerBacklog> backlog(
      ClusterNames cluster, SourceBacklogs.Query query, List<StateInfo> running)
      throws InterruptedException {
    Map<String, List<String>> patterns = new TreeMap<>();
    for (StateInfo task : running) {
      List<String> asked = patterns.computeIfAbsent(task.workerId(), w -> new ArrayList<>());
      String pattern = query.perTask() ? query.forTask(task.id()) : query.mbean();
      if (!asked.contains(pattern)) {
        asked.add(pattern);
      }
    }
    Map<String, WorkerBacklog> answers =
        TaskLoadSampler.askEach(
            patterns.keySet(),
            worker ->
                clients
                    .forWorker(cluster.restUrl(), worker)
                    .backlog(patterns.get(worker), query.attribute()));
    if (answers.size() < patterns.size()) {
      return Optional.empty();
    }
    int mbeans = 0;
    double total = 0;
    for (WorkerBacklog told : answers.values()) {
      mbeans += told.mbeans();
      total += told.total();
    }
    return Optional.of(new WorkerBacklog(mbeans, total));
  }
}
