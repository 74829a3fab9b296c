package dev.tributary.worker.rest;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;

/**
 * The sum of one attribute over the MBeans of this JVM that match a pattern: a source connector's
 * backlog, where its tasks register one per partition (MirrorMaker 2's {@code records-lag}). Only
 * numbers leave the worker: an attribute that is not a finite number is not counted.
 */
final class MBeanSum {

  private MBeanSum() {}

  /**
   * {@code {"mbeans", "total"}} for {@code attribute} over the MBeans matching any of {@code
   * patterns} (one per task), each counted once.
   *
   * @throws IllegalArgumentException when a pattern is not an ObjectName
   */
  static Map<String, Object> of(MBeanServer server, List<String> patterns, String attribute) {
    if (patterns == null || patterns.isEmpty()) {
      throw new IllegalArgumentException("mbean is required");
    }
    if (attribute == null || attribute.isBlank()) {
      throw new IllegalArgumentException("attribute is required");
    }
    Set<ObjectName> names = new HashSet<>();
    for (String pattern : patterns) {
      try {
        names.addAll(server.queryNames(new ObjectName(pattern), null));
      } catch (MalformedObjectNameException e) {
        throw new IllegalArgumentException(
            "mbean '" + pattern + "' is not an ObjectName pattern: " + e.getMessage(), e);
      }
    }
    int mbeans = 0;
    double total = 0;
    for (ObjectName name : names) {
      Object value;
      try {
        value = server.getAttribute(name, attribute);
      } catch (JMException | RuntimeException e) {
        continue;
      }
      if (value instanceof Number number && Double.isFinite(number.doubleValue())) {
        mbeans++;
        total += Math.max(0, number.doubleValue());
      }
    }
    Map<String, Object> sum = new TreeMap<>();
    sum.put("mbeans", mbeans);
    sum.put("total", total);
    return sum;
  }
}
