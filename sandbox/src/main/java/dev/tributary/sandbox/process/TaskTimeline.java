package dev.tributary.sandbox.process;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where one task's stall went: the steps of its move that the workers' logs show (stopped, offsets
 * committed, rebalance rounds, assigned, started), in time order with the arrivals that bound the
 * stall. Reads Connect's own INFO lines as the worker image logs them ({@code [ISO8601] LEVEL
 * message (logger)}), so it needs nothing added to Connect.
 */
public final class TaskTimeline {

  /** One step: when (epoch millis), on which worker (or "sink" for an arrival), and what. */
  public record Step(long at, String worker, String what) {}

  private static final Pattern STAMP =
      Pattern.compile("^\\[(\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d),(\\d{3})]");
  private static final Pattern WORKER_GENERATION =
      Pattern.compile(
          "\\[Worker [^]]*] Successfully joined group with generation .*?generationId=(\\d+)");
  private static final Pattern ASSIGNMENT =
      Pattern.compile(
          "Joined group at generation (\\d+) .*taskIds=\\[([^]]*)], .*revokedTaskIds=\\[([^]]*)]");
  private static final Pattern SINK_GENERATION =
      Pattern.compile(
          "\\[Consumer [^]]*] Successfully joined group with generation .*?generationId=(\\d+)");

  private TaskTimeline() {}

  /**
   * The steps of {@code taskId}'s move within {@code [from, to]} (epoch millis) from each worker's
   * log lines, plus the stall's edges: the last record before it and the first new one after.
   *
   * @param logsByWorker each worker incarnation's log lines, keyed by a name for it
   */
  public static List<Step> of(
      String taskId,
      Arrivals.Gap stall,
      Map<String, List<String>> logsByWorker,
      long from,
      long to) {
    List<Step> steps = new ArrayList<>();
    logsByWorker.forEach(
        (worker, lines) -> {
          for (String line : lines) {
            Optional<Long> at = timestamp(line);
            if (at.isEmpty() || at.get() < from || at.get() > to) {
              continue;
            }
            step(line, taskId).ifPresent(what -> steps.add(new Step(at.get(), worker, what)));
          }
        });
    steps.add(new Step(stall.start(), "sink", "last record before the stall arrives"));
    steps.add(new Step(stall.end(), "sink", "first new record after the stall arrives"));
    steps.sort(Comparator.comparingLong(Step::at));
    return steps;
  }

  /** What a log line says about {@code taskId}'s move, if anything. */
  static Optional<String> step(String line, String taskId) {
    if (line.contains("Kafka Connect stopping")) {
      return Optional.of("worker told to stop (SIGTERM)");
    }
    if (line.contains("Kafka Connect started")) {
      return Optional.of("worker started");
    }
    if (line.contains("Stopping task " + taskId + " ")) {
      return Optional.of("stops the task");
    }
    if (line.contains("{id=" + taskId + "} Committing offsets")) {
      return Optional.of("commits the task's offsets");
    }
    if (line.contains("Starting task " + taskId + " ")) {
      return Optional.of("starts the task");
    }
    if (line.contains("[Worker ") && line.contains("] Rebalance started")) {
      return Optional.of("worker group: rebalance starts, rejoins");
    }
    if (line.contains("[Worker ") && line.contains("sending LeaveGroup")) {
      return Optional.of("worker group: leaves");
    }
    Matcher generation = WORKER_GENERATION.matcher(line);
    if (generation.find()) {
      return Optional.of("worker group: generation " + generation.group(1) + " formed");
    }
    Matcher assignment = ASSIGNMENT.matcher(line);
    if (assignment.find()) {
      if (List.of(assignment.group(3).split(", ")).contains(taskId)) {
        return Optional.of("gen " + assignment.group(1) + ": must give the task up");
      }
      if (List.of(assignment.group(2).split(", ")).contains(taskId)) {
        return Optional.of("gen " + assignment.group(1) + ": has the task");
      }
      return Optional.empty();
    }
    Matcher sinkGeneration = SINK_GENERATION.matcher(line);
    if (sinkGeneration.find() && line.contains("groupId=connect-")) {
      return Optional.of("sink consumers: generation " + sinkGeneration.group(1) + " formed");
    }
    return Optional.empty();
  }

  /** A log line's time, read in this machine's zone (the workers run here and log local time). */
  static Optional<Long> timestamp(String line) {
    Matcher stamp = STAMP.matcher(line);
    if (!stamp.find()) {
      return Optional.empty();
    }
    try {
      return Optional.of(
          LocalDateTime.parse(stamp.group(1))
                  .atZone(ZoneId.systemDefault())
                  .toInstant()
                  .toEpochMilli()
              + Integer.parseInt(stamp.group(2)));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  /** The steps as a Markdown table, times in seconds from {@code zero}. */
  public static String markdown(List<Step> steps, long zero) {
    var md = new StringBuilder("| t (s) | where | what |\n| ---: | --- | --- |\n");
    for (Step step : steps) {
      md.append(
          String.format(
              Locale.ROOT,
              "| %+.3f | %s | %s |%n",
              (step.at() - zero) / 1000.0,
              step.worker(),
              step.what()));
    }
    return md.toString();
  }
}
