package dev.tributary.operator.kafkaload;

import dev.tributary.operator.model.SinkLoad;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsSpec;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;

/**
 * One look at every sink of a cluster in four admin requests, however many sinks there are: the
 * topics' partitions, their end offsets, the consumer groups' committed offsets, and the start
 * offsets of partitions a group has not committed yet (where a new sink begins).
 */
final class SinkSampler {

  /** A sink connector as Connect runs it: its consumer group and its topics or topic pattern. */
  record Sink(String connector, String group, List<String> topics, String topicsRegex) {

    /** The sink Connect's config describes, or null when the config is not a sink's. */
    static Sink of(String connector, Map<String, String> config) {
      if (config == null) {
        return null;
      }
      String group = config.getOrDefault("consumer.override.group.id", "connect-" + connector);
      String topics = config.get("topics");
      List<String> names = new ArrayList<>();
      if (topics != null) {
        for (String topic : topics.split(",")) {
          if (!topic.isBlank()) {
            names.add(topic.trim());
          }
        }
      }
      String regex = config.get("topics.regex");
      if (names.isEmpty() && (regex == null || regex.isBlank())) {
        return null;
      }
      return new Sink(connector, group, names, names.isEmpty() ? regex : null);
    }
  }

  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private final Clock clock;

  SinkSampler(Clock clock) {
    this.clock = clock;
  }

  /** A sample of each sink whose topics exist. */
  Map<String, SinkLoad.Sample> sample(Admin admin, Collection<Sink> sinks)
      throws KafkaException, InterruptedException, TimeoutException {
    Map<Sink, Set<String>> topicsOf = topicsOf(admin, sinks);
    Set<String> allTopics = new TreeSet<>();
    topicsOf.values().forEach(allTopics::addAll);
    Map<String, TopicDescription> described =
        allTopics.isEmpty() ? Map.of() : get(admin.describeTopics(allTopics).allTopicNames());
    Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
    described
        .values()
        .forEach(
            d ->
                d.partitions()
                    .forEach(
                        p ->
                            latest.put(
                                new TopicPartition(d.name(), p.partition()), OffsetSpec.latest())));
    Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends =
        latest.isEmpty() ? Map.of() : get(admin.listOffsets(latest).all());
    Map<String, ListConsumerGroupOffsetsSpec> groups = new HashMap<>();
    sinks.forEach(s -> groups.put(s.group(), new ListConsumerGroupOffsetsSpec()));
    Map<String, Map<TopicPartition, OffsetAndMetadata>> committed =
        groups.isEmpty() ? Map.of() : get(admin.listConsumerGroupOffsets(groups).all());
    Map<TopicPartition, OffsetSpec> uncommitted = new HashMap<>();
    for (Sink sink : sinks) {
      var offsets = committed.getOrDefault(sink.group(), Map.of());
      for (TopicPartition partition : partitionsOf(topicsOf.get(sink), described)) {
        if (offsets.get(partition) == null) {
          uncommitted.put(partition, OffsetSpec.earliest());
        }
      }
    }
    Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> starts =
        uncommitted.isEmpty() ? Map.of() : get(admin.listOffsets(uncommitted).all());

    var at = clock.instant();
    Map<String, SinkLoad.Sample> samples = new HashMap<>();
    for (Sink sink : sinks) {
      List<TopicPartition> partitions = partitionsOf(topicsOf.get(sink), described);
      if (partitions.isEmpty()) {
        continue;
      }
      var offsets = committed.getOrDefault(sink.group(), Map.of());
      long end = 0;
      long done = 0;
      for (TopicPartition partition : partitions) {
        var info = ends.get(partition);
        end += info == null ? 0 : info.offset();
        OffsetAndMetadata commit = offsets.get(partition);
        var start = starts.get(partition);
        done += commit != null ? commit.offset() : start == null ? 0 : start.offset();
      }
      samples.put(sink.connector(), new SinkLoad.Sample(at, partitions.size(), end, done));
    }
    return samples;
  }

  private static Map<Sink, Set<String>> topicsOf(Admin admin, Collection<Sink> sinks)
      throws InterruptedException, TimeoutException {
    Set<String> existing = null;
    Map<Sink, Set<String>> topics = new HashMap<>();
    for (Sink sink : sinks) {
      if (sink.topicsRegex() == null) {
        topics.put(sink, new HashSet<>(sink.topics()));
        continue;
      }
      if (existing == null) {
        existing = get(admin.listTopics().names());
      }
      Set<String> matching = new HashSet<>();
      try {
        Pattern pattern = Pattern.compile(sink.topicsRegex());
        existing.stream().filter(t -> pattern.matcher(t).matches()).forEach(matching::add);
      } catch (PatternSyntaxException e) {
        // Connect refuses such a sink itself; it has no topics to look at.
      }
      topics.put(sink, matching);
    }
    // Topics named but not created yet are left out: describing them would fail the whole look.
    Set<String> named = new HashSet<>();
    topics.values().forEach(named::addAll);
    if (!named.isEmpty()) {
      if (existing == null) {
        existing = get(admin.listTopics().names());
      }
      Set<String> present = existing;
      topics.values().forEach(set -> set.retainAll(present));
    }
    return topics;
  }

  private static List<TopicPartition> partitionsOf(
      Set<String> topics, Map<String, TopicDescription> described) {
    List<TopicPartition> partitions = new ArrayList<>();
    for (String topic : topics == null ? Set.<String>of() : topics) {
      TopicDescription description = described.get(topic);
      if (description != null) {
        description
            .partitions()
            .forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
      }
    }
    return partitions;
  }

  private static <T> T get(org.apache.kafka.common.KafkaFuture<T> future)
      throws InterruptedException, TimeoutException {
    try {
      return future.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof KafkaException kafka) {
        throw kafka;
      }
      throw new KafkaException(e.getCause());
    }
  }
}
