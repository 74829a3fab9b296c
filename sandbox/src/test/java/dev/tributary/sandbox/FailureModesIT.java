package dev.tributary.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tributary.api.v1alpha1.KafkaConnect;
import dev.tributary.sandbox.process.PluginServer;
import io.fabric8.kubernetes.api.model.Condition;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/**
 * The catalogue of failure modes (docs/failure-modes.md), each on real workers in the sandbox: a
 * KafkaConnect that cannot run, applied; the seconds until its Ready condition names the cause;
 * then, for three minutes of the same failure (restarts and back-off included), whether the
 * condition holds its reason. All rows run at once and are watched together.
 */
class FailureModesIT extends SandboxScenarios {

  /** How long each failure is watched after it is first named. */
  static final Duration OBSERVED =
      Duration.ofSeconds(Long.getLong("tributary.failures.observe.seconds", 180));

  /** Far above the 15 s aimed at, which the report shows: a shared 2-core machine is noisy. */
  static final Duration NAMED_WITHIN = Duration.ofSeconds(60);

  /** One failure mode: what is applied and what the Ready condition must then say. */
  record Row(String name, String mode, String spec, String reason, String says) {}

  /** What was seen of one row. */
  static final class Seen {
    final long appliedAt = System.nanoTime();
    Double namedAfter;
    Condition first;
    int reasonChanges;
    int messageChanges;
    Condition last;
  }

  @Test
  void everyFailureIsNamedWithinSecondsAndHoldsItsReason() throws Exception {
    Path notAnArchive = dir.resolve("not-a-plugin.zip");
    Files.writeString(notAnArchive, "this is not a zip archive\n");
    try (var missing = new PluginServer(TestPaths.loadPlugin());
        var bogus = new PluginServer(notAnArchive)) {
      List<Row> rows =
          List.of(
              new Row(
                  "kafka-port",
                  "Kafka unreachable (nothing listens)",
                  "bootstrapServers: my-cluster-kafka-bootstrap:9999",
                  "KafkaUnreachable",
                  "my-cluster-kafka-bootstrap:9999 (connection refused)"),
              new Row(
                  "kafka-password",
                  "a wrong SCRAM password",
                  "bootstrapServers: my-cluster-kafka-bootstrap:9093\n"
                      + "tls: {trustedCertificates: [{secretName: "
                      + Sandbox.CA_SECRET
                      + ", key: ca.crt}]}\n"
                      + "authentication: {type: scram-sha-512, username: connect,"
                      + " password: {secretName: wrong-password, key: password}}",
                  "KafkaAuthenticationFailed",
                  "Authentication failed"),
              new Row(
                  "kafka-untrusted",
                  "a broker certificate the cluster does not trust",
                  "bootstrapServers: my-cluster-kafka-bootstrap:9093\n"
                      + "tls: {trustedCertificates: [{secretName: "
                      + Sandbox.TLS_USER_SECRET
                      + ", key: user.crt}]}\n"
                      + "authentication: {type: scram-sha-512, username: connect,"
                      + " password: {secretName: "
                      + Sandbox.USER_SECRET
                      + ", key: password}}",
                  "KafkaTlsFailed",
                  "unable to find valid certification path"),
              new Row(
                  "kafka-host",
                  "Kafka unreachable (unknown host)",
                  "bootstrapServers: no-such-kafka:9092",
                  "KafkaUnreachable",
                  "no-such-kafka:9092 (unknown host)"),
              new Row(
                  "plugin-404",
                  "a plugin that cannot be fetched",
                  plugin(missing.url().replace(".jar", "-gone.jar"), missing.sha512()),
                  "PluginInstallFailed",
                  "404"),
              new Row(
                  "plugin-maven",
                  "a Maven artifact that does not exist",
                  "bootstrapServers: my-cluster-kafka-bootstrap:9092\n"
                      + "plugins:\n"
                      + "  - name: nosuch\n"
                      + "    artifacts: [{type: maven, group: dev.tributary.nosuch,"
                      + " artifact: does-not-exist, version: 9.9.9}]",
                  "PluginInstallFailed",
                  "plugin 'nosuch', artifact dev.tributary.nosuch:does-not-exist:jar:9.9.9"),
              new Row(
                  "plugin-bogus",
                  "a plugin archive that is not one",
                  plugin(bogus.url(), bogus.sha512()),
                  "PluginInstallFailed",
                  "plugin 'p'"),
              new Row(
                  "bad-config",
                  "a worker config Connect refuses",
                  "bootstrapServers: my-cluster-kafka-bootstrap:9092\n"
                      + "config: {key.converter: com.example.NoSuchConverter}",
                  "WorkerConfigInvalid",
                  "com.example.NoSuchConverter"),
              new Row(
                  "tiny-heap",
                  "a heap too small for Connect",
                  "bootstrapServers: my-cluster-kafka-bootstrap:9092\n"
                      + "jvmOptions: {xms: 8m, xmx: 12m}",
                  "CrashLoopBackOff",
                  "OutOfMemoryError"),
              new Row(
                  "heap-above-limit",
                  "a heap larger than the memory limit",
                  "bootstrapServers: my-cluster-kafka-bootstrap:9092\n"
                      + "resources: {limits: {memory: 512Mi}}",
                  "InvalidSpec",
                  "does not fit in spec.resources.limits.memory 512Mi"));

      putSecret("wrong-password", "password", "wrong-" + java.util.UUID.randomUUID());
      Map<Row, Seen> seen = new LinkedHashMap<>();
      for (Row row : rows) {
        sandbox.apply(
            """
            apiVersion: tributary.dev/v1alpha1
            kind: KafkaConnect
            metadata: {name: %s}
            spec:
              replicas: 1
            %s
            """
                .formatted(row.name(), row.spec().indent(2)));
        seen.put(row, new Seen());
      }
      watch(seen);
      String report = report(seen);
      Files.writeString(TestPaths.testDir().resolve("failure-modes.md"), report);
      System.out.println(report);

      for (var entry : seen.entrySet()) {
        Row row = entry.getKey();
        Seen what = entry.getValue();
        assertThat(what.namedAfter).as(row.mode() + ": named within " + NAMED_WITHIN).isNotNull();
        assertThat(what.first.getMessage())
            .as(row.mode() + ": one line, the cause and what to check")
            .contains(row.says())
            .doesNotContain("\n")
            .doesNotContainPattern("\\sat [a-z]+\\.[a-z]+\\.")
            .doesNotContain(" | ");
        assertThat(what.reasonChanges)
            .as(row.mode() + ": Ready changes after the cause was named; report:\n" + report)
            .isZero();
        List<io.fabric8.kubernetes.api.model.Event> warnings =
            sandbox.client().v1().events().inNamespace(NS).list().getItems().stream()
                .filter(e -> row.name().equals(e.getInvolvedObject().getName()))
                .filter(e -> "Warning".equals(e.getType()))
                .toList();
        assertThat(warnings)
            .extracting(e -> e.getReason())
            .as(row.mode() + ": one Warning Event, however often the pod restarts")
            .containsExactly(row.reason());
        if (what.messageChanges > 0) {
          assertThat(warnings.get(0).getCount())
              .as(row.mode() + ": the Event counts the failure each time the pod failed again")
              .isGreaterThan(1);
        }
      }
    }
  }

  @Test
  void aFixedSpecReplacesTheFailingWorkerAtOnce() throws Exception {
    sandbox.apply(
        """
        apiVersion: tributary.dev/v1alpha1
        kind: KafkaConnect
        metadata: {name: mended}
        spec:
          replicas: 1
          bootstrapServers: my-cluster-kafka-bootstrap:9092
          jvmOptions: {xms: 8m, xmx: 12m}
        """);
    await()
        .atMost(NAMED_WITHIN)
        .ignoreExceptions()
        .until(() -> "CrashLoopBackOff".equals(ready("mended").getReason()));
    // The heap lives in the pod's environment: only a new pod can take the fix, and a roll that
    // waited for every worker to be ready first would wait for ever.
    sandbox
        .client()
        .resources(KafkaConnect.class)
        .inNamespace(NS)
        .withName("mended")
        .edit(
            c -> {
              c.getSpec().jvmOptions.xms = "64m";
              c.getSpec().jvmOptions.xmx = "256m";
              return c;
            });
    await()
        .atMost(Duration.ofSeconds(90))
        .ignoreExceptions()
        .until(() -> "True".equals(ready("mended").getStatus()));
  }

  private static String plugin(String url, String sha512) {
    return "bootstrapServers: my-cluster-kafka-bootstrap:9092\n"
        + "plugins:\n"
        + "  - name: p\n"
        + "    artifacts: [{type: url, url: '"
        + url
        + "', sha512: "
        + sha512
        + "}]";
  }

  /** Polls every row's Ready condition until each was named and then watched for OBSERVED. */
  private void watch(Map<Row, Seen> seen) throws InterruptedException {
    long deadline = System.nanoTime() + (NAMED_WITHIN.plus(OBSERVED)).toNanos();
    while (System.nanoTime() < deadline) {
      for (var entry : seen.entrySet()) {
        Row row = entry.getKey();
        Seen what = entry.getValue();
        Condition ready = ready(row.name());
        if (ready == null) {
          continue;
        }
        if (what.first == null) {
          if (row.reason().equals(ready.getReason()) && ready.getMessage().contains(row.says())) {
            what.namedAfter = (System.nanoTime() - what.appliedAt) / 1e9;
            what.first = ready;
            what.last = ready;
          } else if (System.nanoTime() - what.appliedAt > NAMED_WITHIN.toNanos()) {
            what.last = ready;
          }
          continue;
        }
        if (!Objects.equals(ready.getReason(), what.last.getReason())
            || !Objects.equals(ready.getStatus(), what.last.getStatus())) {
          what.reasonChanges++;
        } else if (!Objects.equals(ready.getMessage(), what.last.getMessage())) {
          what.messageChanges++;
        }
        what.last = ready;
      }
      Thread.sleep(250);
    }
  }

  private Condition ready(String name) {
    KafkaConnect cluster =
        sandbox.client().resources(KafkaConnect.class).inNamespace(NS).withName(name).get();
    if (cluster == null || cluster.getStatus() == null || cluster.getStatus().conditions == null) {
      return null;
    }
    return cluster.getStatus().conditions.stream()
        .filter(c -> c.getType().equals("Ready"))
        .findFirst()
        .orElse(null);
  }

  private static String report(Map<Row, Seen> seen) {
    List<String> lines = new ArrayList<>();
    lines.add(
        "| failure | what is applied (spec) | Ready reason | seconds to the cause | Ready changes in "
            + OBSERVED.toSeconds()
            + " s after | message updates | the message (and the Warning Event's) |");
    lines.add("| --- | --- | --- | --- | --- | --- | --- |");
    for (var entry : seen.entrySet()) {
      Seen what = entry.getValue();
      Condition shown = what.first != null ? what.first : what.last;
      lines.add(
          "| %s | `%s` | `%s` | %s | %d | %d | %s |"
              .formatted(
                  entry.getKey().mode(),
                  entry
                      .getKey()
                      .spec()
                      .replaceAll("sha512: \\w+", "sha512: ...")
                      .replace("\n", " "),
                  shown == null ? "-" : shown.getReason(),
                  what.namedAfter == null ? "not named" : "%.1f".formatted(what.namedAfter),
                  what.reasonChanges,
                  what.messageChanges,
                  shown == null ? "-" : shown.getMessage().replace("|", "\\|")));
    }
    return String.join("\n", lines) + "\n";
  }
}
