package dev.tributary.operator.kafkaload;

import dev.tributary.operator.connectapi.ConnectClients;
import dev.tributary.operator.connectapi.dto.ConnectorOverview;
import dev.tributary.operator.connectapi.dto.StateInfo;
import dev.tributary.operator.connectapi.dto.WorkerTaskLoad;
import dev.tributary.operator.model.ClusterNames;
import dev.tributary.operator.model.SinkBusy;
import dev.tributary.operator.model.WorkersCpu;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * Asks every worker of the cluster, and any other that runs a task of its running sinks, how busy
 * its tasks are and its CPU ({@code GET /tributary/task-load} on the worker itself: Connect's task
 * metrics are per process). The workers are asked at once; one that does not answer within {@link
 * #BUDGET} is left out of this look, as is one without the extension.
 */
final class TaskLoadSampler {

  static final Duration BUDGET = Duration.ofSeconds(3);

  private static final ExecutorService CALLS =
      Executors.newCachedThreadPool(
          runnable -> {
            Thread thread = new Thread(runnable, "task-load");
            thread.setDaemon(true);
            return thread;
          });

  private final ConnectClients clients;

  TaskLoadSampler(ConnectClients clients) {
    this.clients = clients;
  }

  /** What the workers told: each sink's busy time, their CPU, and each worker's answer. */
  record Sampled(
      Map<String, SinkBusy> busy, Optional<WorkersCpu> cpu, Map<String, WorkerTaskLoad> answers) {}

  /**
   * Asks the cluster's {@code replicas} workers, and any other worker running a task of {@code
   * sinks} or {@code sources} (by Connect name).
   */
  Sampled sample(
      ClusterNames cluster,
      int replicas,
      Map<String, ConnectorOverview> sinks,
      Map<String, ConnectorOverview> sources)
      throws InterruptedException {
    TreeSet<String> workers = workers(sinks);
    workers.addAll(workers(sources));
    for (int ordinal = 0; ordinal < replicas; ordinal++) {
      workers.add(
          cluster.podHost(cluster.statefulSet() + "-" + ordinal) + ":" + ClusterNames.REST_PORT);
    }
    Map<String, WorkerTaskLoad> answers =
        askEach(workers, worker -> clients.forWorker(cluster.restUrl(), worker).taskLoad());
    return new Sampled(
        busy(answers, sinks),
        WorkersCpu.of(answers.values().stream().map(WorkerTaskLoad::processCpuLoad).toList()),
        Map.copyOf(answers));
  }

  /**
   * Asks every worker at once, and waits at most {@link #BUDGET}: the answers of those that gave
   * one in time, by worker.
   */
  static <T> Map<String, T> askEach(Collection<String> workers, Function<String, Optional<T>> call)
      throws InterruptedException {
    Map<String, CompletableFuture<Optional<T>>> asked = new HashMap<>();
    for (String worker : workers) {
      asked.put(worker, CompletableFuture.supplyAsync(() -> call.apply(worker), CALLS));
    }
    try {
      CompletableFuture.allOf(asked.values().toArray(CompletableFuture[]::new))
          .get(BUDGET.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException | TimeoutException e) {
      // Those that answered still count.
    }
    Map<String, T> answers = new HashMap<>();
    asked.forEach(
        (worker, answer) -> {
          if (answer.isDone() && !answer.isCompletedExceptionally()) {
            answer.join().ifPresent(told -> answers.put(worker, told));
          }
        });
    return answers;
  }

  /** The workers running a task of the sinks. */
  static TreeSet<String> workers(Map<String, ConnectorOverview> sinks) {
    TreeSet<String> workers = new TreeSet<>();
    for (ConnectorOverview sink : sinks.values()) {
      for (StateInfo task : runningTasks(sink)) {
        workers.add(task.workerId());
      }
    }
    return workers;
  }

  /**
   * Each sink's busy time from the workers' answers, counting a task only from the worker Connect
   * says runs it: a worker that just gave a task up may still report it.
   */
  static Map<String, SinkBusy> busy(
      Map<String, WorkerTaskLoad> answers, Map<String, ConnectorOverview> sinks) {
    Map<String, SinkBusy> busy = new HashMap<>();
    sinks.forEach(
        (name, sink) -> {
          List<SinkBusy.Task> tasks = new ArrayList<>();
          for (StateInfo running : runningTasks(sink)) {
            WorkerTaskLoad answer = answers.get(running.workerId());
            if (answer == null) {
              continue;
            }
            for (WorkerTaskLoad.Task task : answer.tasks()) {
              if ("sink".equals(task.type())
                  && name.equals(task.connector())
                  && running.id() != null
                  && task.task() == running.id()) {
                busyTask(task).ifPresent(tasks::add);
              }
            }
          }
          SinkBusy.of(tasks).ifPresent(b -> busy.put(name, b));
        });
    return busy;
  }

  /** A task's busy time: sampled where the worker has samples, else from its put metrics. */
  static Optional<SinkBusy.Task> busyTask(WorkerTaskLoad.Task task) {
    if (task.sampledBusyRatio() != null && task.sampledRecordsPerSecond() != null) {
      return Optional.of(
          SinkBusy.Task.sampled(task.sampledBusyRatio(), task.sampledRecordsPerSecond()));
    }
    if (task.recordsPerSecond() == null
        || task.batchSizeAvg() == null
        || task.batchAvgTimeMs() == null) {
      return Optional.empty();
    }
    return SinkBusy.Task.fromPut(
        task.recordsPerSecond(), task.batchSizeAvg(), task.batchAvgTimeMs());
  }

  static List<StateInfo> runningTasks(ConnectorOverview sink) {
    if (sink.status() == null || sink.status().tasks() == null) {
      return List.of();
    }
    return sink.status().tasks().stream()
        .filter(t -> "RUNNING".equals(t.state()) && t.workerId() != null)
        .toList();
  }
}
