package dev.tributary.worker.rest;

import java.lang.management.OperatingSystemMXBean;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * The task-load answer, read from Connect's task MBeans in this JVM and, for sink tasks, from the
 * samples of their threads.
 */
final class TaskLoadReport {

  /** Per task type: its metric group, its rate, and the time of one batch. */
  private record Kind(String type, String group, String rate, String batchTime) {}

  private static final List<Kind> KINDS =
      List.of(
          new Kind("sink", "sink-task-metrics", "sink-record-send-rate", "put-batch-avg-time-ms"),
          new Kind(
              "source",
              "source-task-metrics",
              "source-record-poll-rate",
              "poll-batch-avg-time-ms"));

  private TaskLoadReport() {}

  static Map<String, Object> of(
      MBeanServer server, OperatingSystemMXBean os, SinkTaskSampler sampler) {
    Map<String, ObjectName> taskMetrics = new TreeMap<>();
    for (ObjectName name : names(server, "connector-task-metrics")) {
      taskMetrics.put(key(name), name);
    }
    List<Map<String, Object>> tasks = new ArrayList<>();
    for (Kind kind : KINDS) {
      for (ObjectName name : names(server, kind.group())) {
        String connector = unquoted(name.getKeyProperty("connector"));
        String task = unquoted(name.getKeyProperty("task"));
        if (connector == null || task == null) {
          continue;
        }
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("connector", connector);
        entry.put("task", Integer.valueOf(task));
        entry.put("type", kind.type());
        putFinite(entry, "recordsPerSecond", attribute(server, name, kind.rate()));
        ObjectName common = taskMetrics.get(key(name));
        if (common != null) {
          putFinite(entry, "batchSizeAvg", attribute(server, common, "batch-size-avg"));
        }
        putFinite(entry, "batchAvgTimeMs", attribute(server, name, kind.batchTime()));
        if (kind.type().equals("source")) {
          // A count, not a rate: the operator takes differences over its own window, where
          // Connect's rates average over up to a minute.
          putFinite(entry, "recordsTotal", attribute(server, name, "source-record-poll-total"));
        }
        if (kind.type().equals("sink")) {
          sampler
              .load(connector, Integer.parseInt(task))
              .ifPresent(
                  load -> {
                    entry.put("sampledBusyRatio", load.busyRatio());
                    entry.put("sampledRecordsPerSecond", load.recordsPerSecond());
                    entry.put("sampledSeconds", load.seconds());
                  });
        }
        tasks.add(entry);
      }
    }
    Map<String, Object> report = new TreeMap<>();
    report.put("processors", os.getAvailableProcessors());
    if (os instanceof com.sun.management.OperatingSystemMXBean hotspot) {
      putFinite(report, "processCpuLoad", hotspot.getProcessCpuLoad());
    }
    report.put("tasks", tasks);
    sampler
        .cost()
        .ifPresent(
            cost -> {
              report.put("samplerCpuSeconds", cost[0]);
              report.put("samplerSeconds", cost[1]);
            });
    return report;
  }

  private static Iterable<ObjectName> names(MBeanServer server, String group) {
    try {
      return server.queryNames(new ObjectName("kafka.connect:type=" + group + ",*"), null);
    } catch (JMException e) {
      throw new IllegalStateException(e);
    }
  }

  static String key(ObjectName name) {
    return unquoted(name.getKeyProperty("connector")) + "/" + unquoted(name.getKeyProperty("task"));
  }

  private static Object attribute(MBeanServer server, ObjectName name, String attribute) {
    try {
      return server.getAttribute(name, attribute);
    } catch (JMException e) {
      return null;
    }
  }

  /** A number without samples is NaN (or negative for a rate): left out, not sent as zero. */
  private static void putFinite(Map<String, Object> map, String key, Object value) {
    if (value instanceof Number number
        && Double.isFinite(number.doubleValue())
        && number.doubleValue() >= 0) {
      map.put(key, number.doubleValue());
    }
  }

  /** Kafka's JMX reporter quotes a tag value holding characters an ObjectName reserves. */
  static String unquoted(String value) {
    return value != null && value.startsWith("\"") ? ObjectName.unquote(value) : value;
  }
}
