package dev.tributary.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.tributary.api.v1alpha1.KafkaConnect;
import dev.tributary.sandbox.apiserver.OperatorHarness;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The machine's kubectl against the sandbox's API stand-in, with the kubeconfig the sandbox writes:
 * discovery, short names and categories, apply and re-apply (merge patch), scale through the
 * subresource, delete. Skipped where no kubectl is installed.
 */
class KubectlIT {

  OperatorHarness harness;
  Path kubeconfig;
  Path dir;

  record Result(int exit, String out) {}

  @BeforeEach
  void start() throws Exception {
    assumeTrue(kubectlAvailable(), "kubectl is not installed");
    dir = TestPaths.freshDir("kubectl");
    harness = OperatorHarness.start(TestPaths.repo(), dir, Duration.ofSeconds(2));
    kubeconfig = harness.writeKubeconfig(dir.resolve("kubeconfig"), Sandbox.NAMESPACE);
  }

  @AfterEach
  void stop() {
    if (harness != null) {
      harness.close();
    }
  }

  static boolean kubectlAvailable() {
    try {
      return new ProcessBuilder("kubectl", "version", "--client").start().waitFor() == 0;
    } catch (IOException | InterruptedException e) {
      return false;
    }
  }

  Result kubectl(String... args) throws Exception {
    List<String> command =
        new ArrayList<>(List.of("kubectl", "--kubeconfig", kubeconfig.toString()));
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    assertThat(process.waitFor(60, TimeUnit.SECONDS))
        .as("kubectl %s finished", String.join(" ", args))
        .isTrue();
    return new Result(
        process.exitValue(),
        new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
  }

  KafkaConnect pipeline() {
    return harness.kafkaConnect(Sandbox.NAMESPACE, "pipeline");
  }

  @Test
  void kubectlAppliesGetsScalesAndDeletesKafkaConnects() throws Exception {
    Path example = TestPaths.repo().resolve("examples/kafka-connect.yaml");

    Result created = kubectl("apply", "-f", example.toString());
    assertThat(created.out()).contains("kafkaconnect.tributary.dev/pipeline created");
    assertThat(created.exit()).isZero();
    assertThat(pipeline().getSpec().replicas).isEqualTo(2);

    // Re-apply with a changed replica count and one config key removed: kubectl sends a merge
    // patch computed from its last-applied annotation, and the key must be gone, not null.
    String original = Files.readString(example);
    assertThat(original).contains("value.converter.schemas.enable");
    Path edited = dir.resolve("edited.yaml");
    Files.writeString(
        edited,
        original
            .replace("replicas: 2", "replicas: 3")
            .replaceAll("(?m)^\\s*value\\.converter\\.schemas\\.enable:.*\\n", ""));
    Result configured = kubectl("apply", "-f", edited.toString());
    assertThat(configured.out()).contains("kafkaconnect.tributary.dev/pipeline configured");
    assertThat(pipeline().getSpec().replicas).isEqualTo(3);
    assertThat(pipeline().getSpec().config)
        .doesNotContainKey("value.converter.schemas.enable")
        .isNotEmpty();

    // RFC 7386 as kubectl patch --type merge sends it: lists are replaced, null removes a key.
    kubectl(
        "patch",
        "tkc",
        "pipeline",
        "--type",
        "merge",
        "-p",
        "{\"spec\":{\"jvmOptions\":{\"options\":[\"-XX:+UseG1GC\"]}}}");
    Result patched =
        kubectl(
            "patch",
            "tkc",
            "pipeline",
            "--type",
            "merge",
            "-p",
            "{\"spec\":{\"jvmOptions\":{\"options\":[\"-Xss1m\"]},"
                + "\"config\":{\"value.converter\":null}}}");
    assertThat(patched.out()).contains("kafkaconnect.tributary.dev/pipeline patched");
    assertThat(pipeline().getSpec().jvmOptions.options).containsExactly("-Xss1m");
    assertThat(pipeline().getSpec().config).doesNotContainKey("value.converter");

    // What a real API server refuses, the stand-in refuses: the field and the CRD's message.
    Result refused =
        kubectl(
            "patch",
            "tkc",
            "pipeline",
            "--type",
            "merge",
            "-p",
            "{\"spec\":{\"mode\":\"standalone\",\"replicas\":2}}");
    assertThat(refused.exit()).isNotZero();
    assertThat(refused.out())
        .contains("is invalid")
        .contains("spec.replicas")
        .contains("a standalone KafkaConnect runs one worker");
    Path unknown = dir.resolve("unknown-field.yaml");
    Files.writeString(unknown, original.replace("replicas: 2", "replicas: 2\n  replica: 3"));
    Result strict = kubectl("apply", "-f", unknown.toString());
    assertThat(strict.exit()).isNotZero();
    assertThat(strict.out()).contains("unknown field \"spec.replica\"");
    assertThat(pipeline().getSpec().replicas).as("nothing was changed").isEqualTo(3);

    Result scaled = kubectl("scale", "tkc", "pipeline", "--replicas=1");
    assertThat(scaled.out()).contains("kafkaconnect.tributary.dev/pipeline scaled");
    assertThat(pipeline().getSpec().replicas).isEqualTo(1);
    Result absurd = kubectl("scale", "tkc", "pipeline", "--replicas=100000");
    assertThat(absurd.exit()).isNotZero();
    assertThat(absurd.out())
        .as("a size the schema refuses is refused through the scale subresource too")
        .contains("spec.replicas");
    assertThat(pipeline().getSpec().replicas).isEqualTo(1);

    assertThat(kubectl("get", "tkc", "pipeline", "-o", "jsonpath={.spec.replicas}").out())
        .isEqualTo("1");
    assertThat(kubectl("get", "tributary").out()).contains("pipeline");
    assertThat(kubectl("get", "tkc").out())
        .as("the CRD's printer columns, in a Table the stand-in renders")
        .contains("DESIRED", "READY-WORKERS", "pipeline");
    assertThat(kubectl("get", "tkc").out()).contains("REASON");
    assertThat(kubectl("get", "tkc", "-o", "wide").out()).contains("CONNECTORS");
    Result explained = kubectl("explain", "kafkaconnect.spec.replicas");
    assertThat(explained.exit()).as(explained.out()).isZero();
    assertThat(explained.out())
        .as("kubectl explain reads the CRD's descriptions from the stand-in's OpenAPI")
        .contains("Number of Connect workers");
    assertThat(kubectl("get", "statefulsets").out())
        .as("the operator's StatefulSet, through discovery of built-in kinds")
        .contains("pipeline-connect");

    // A connector whose cluster does not exist: a Warning Event, in get events and describe.
    Path lonely = dir.resolve("lonely.yaml");
    Files.writeString(
        lonely,
        """
        apiVersion: tributary.dev/v1alpha1
        kind: KafkaConnector
        metadata: {name: lonely}
        spec: {clusterRef: {name: nowhere}, class: org.example.Source}
        """);
    assertThat(kubectl("apply", "-f", lonely.toString()).exit()).isZero();
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(kubectl("get", "events").out())
                    .contains("Warning", "ClusterNotFound", "kafkaconnector/lonely"));
    assertThat(kubectl("get", "events.events.k8s.io", "-o", "json").out())
        .as("the same Events through events.k8s.io/v1")
        .contains("\"apiVersion\": \"events.k8s.io/v1\"")
        .contains("\"regarding\"")
        .contains("\"note\": \"KafkaConnect 'nowhere' does not exist");
    Result newApi = kubectl("get", "events.events.k8s.io");
    assertThat(newApi.exit()).as(newApi.out()).isZero();
    assertThat(newApi.out()).contains("lonely");
    Result tasksScaled = kubectl("scale", "tkctr", "lonely", "--replicas=3");
    assertThat(tasksScaled.out()).contains("kafkaconnector.tributary.dev/lonely scaled");
    assertThat(kubectl("get", "tkctr", "lonely", "-o", "jsonpath={.spec.tasksMax}").out())
        .as("a KafkaConnector's scale subresource is spec.tasksMax")
        .isEqualTo("3");
    assertThat(kubectl("describe", "tkctr", "lonely").out())
        .as("kubectl describe lists the Events about the object")
        .contains("Events:")
        .contains("ClusterNotFound")
        .contains("KafkaConnect 'nowhere' does not exist");

    Result deleted = kubectl("delete", "-f", edited.toString());
    assertThat(deleted.out()).contains("kafkaconnect.tributary.dev \"pipeline\" deleted");
    assertThat(pipeline()).isNull();
  }

  @Test
  void kubectlWatchesWaitsAndDeletesThroughAStreamingWatch() throws Exception {
    Path early = dir.resolve("early.yaml");
    Files.writeString(early, connectorYaml("early"));
    assertThat(kubectl("apply", "-f", early.toString()).exit()).isZero();

    Path watched = dir.resolve("watch.out");
    Process watch =
        new ProcessBuilder("kubectl", "--kubeconfig", kubeconfig.toString(), "get", "tkctr", "-w")
            .redirectErrorStream(true)
            .redirectOutput(watched.toFile())
            .start();
    try {
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(() -> assertThat(Files.readString(watched)).contains("early"));
      Path late = dir.resolve("late.yaml");
      Files.writeString(late, connectorYaml("late"));
      assertThat(kubectl("apply", "-f", late.toString()).exit()).isZero();

      Result waited =
          kubectl(
              "wait",
              "tkctr/late",
              "--for=jsonpath={.status.conditions[0].reason}=ClusterNotFound",
              "--timeout=40s");
      assertThat(waited.exit()).as(waited.out()).isZero();
      assertThat(waited.out()).contains("kafkaconnector.tributary.dev/late condition met");
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () ->
                  assertThat(Files.readString(watched))
                      .as("kubectl get -w streams the new object and its status changes")
                      .contains("late")
                      .contains("ClusterNotFound"));

      Result moved =
          kubectl(
              "patch",
              "tkctr",
              "late",
              "--type",
              "merge",
              "-p",
              "{\"spec\":{\"clusterRef\":{\"name\":\"elsewhere\"}}}");
      assertThat(moved.exit()).isNotZero();
      assertThat(moved.out())
          .as("a connector cannot be moved to another cluster by an edit")
          .contains("spec.clusterRef: clusterRef cannot change");
      Path badName = dir.resolve("bad-name.yaml");
      Files.writeString(badName, connectorYaml("Orders_Sink"));
      Result refusedName = kubectl("apply", "-f", badName.toString());
      assertThat(refusedName.exit()).isNotZero();
      assertThat(refusedName.out())
          .as("a name Connect could not take either is refused as an API server refuses it")
          .contains("metadata.name")
          .contains("RFC 1123 subdomain");

      Result deleted = kubectl("delete", "tkctr", "late");
      assertThat(deleted.exit()).as(deleted.out()).isZero();
      assertThat(deleted.out())
          .as("kubectl delete waits on the operator's finalizer through a watch, without errors")
          .contains("kafkaconnector.tributary.dev \"late\" deleted")
          .doesNotContain("error");
      assertThat(watch.isAlive()).as("the watch is still streaming").isTrue();
    } finally {
      watch.destroy();
      watch.waitFor(10, TimeUnit.SECONDS);
    }
    String lines = Files.readString(watched);
    assertThat(lines.lines().filter(line -> line.startsWith("early")).count())
        .as("an object listed before the watch is not sent again as new: %s", lines)
        .isEqualTo(1);
  }

  static String connectorYaml(String name) {
    return """
        apiVersion: tributary.dev/v1alpha1
        kind: KafkaConnector
        metadata: {name: %s}
        spec: {clusterRef: {name: nowhere}, class: org.example.Source}
        """
        .formatted(name);
  }
}
