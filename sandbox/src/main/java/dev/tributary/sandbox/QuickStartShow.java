package dev.tributary.sandbox;

import dev.tributary.api.v1alpha1.KafkaConnect;
import dev.tributary.api.v1alpha1.KafkaConnector;
import dev.tributary.sandbox.apiserver.Apply;
import dev.tributary.sandbox.process.Records;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What the "run it" command shows, whichever API server the sandbox runs on: the quick-start
 * examples applied and Ready, a line travelling from {@code /tmp/in.txt} to {@code /tmp/out.txt},
 * every resource's status and how to use kubectl; then a line every five seconds until Ctrl-C.
 */
final class QuickStartShow {
  private QuickStartShow() {}

  static final String NAMESPACE = Sandbox.NAMESPACE;

  /**
   * Runs the show in the sandbox's namespace; {@code kubectl} is the command the instructions name.
   */
  static void run(KubernetesClient client, Path repo, Path kubeconfig, String kubectl, Path dir)
      throws Exception {
    Path input = Path.of("/tmp/in.txt");
    Path output = Path.of("/tmp/out.txt");
    Files.deleteIfExists(input);
    Files.deleteIfExists(output);
    Files.createFile(input);
    for (String example : Sandbox.QUICK_START) {
      HasMetadata resource =
          Serialization.unmarshal(Files.readString(repo.resolve("examples").resolve(example)));
      Apply.createOrReplace(client, resource, NAMESPACE);
      say("applied examples/" + example);
    }
    String shown = "";
    while (!quickStartReady(client)) {
      String now = describe(client);
      if (!now.equals(shown)) {
        say("waiting: " + now);
        shown = now;
      }
      Thread.sleep(1000);
    }
    say("ready: " + describe(client));

    String hello = "hello from the sandbox at " + LocalTime.now().truncatedTo(ChronoUnit.SECONDS);
    Records.appendLines(input, List.of(hello));
    say("appended to " + input + ": " + hello);
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (Records.linesOf(output).stream().noneMatch(l -> l.contains(hello))
        && System.nanoTime() < deadline) {
      Thread.sleep(200);
    }
    say(
        Records.linesOf(output).stream()
            .filter(l -> l.contains(hello))
            .findFirst()
            .map(
                l ->
                    "arrived in "
                        + output
                        + " (through topic 'lines', JsonConverter, HoistField and ExtractField): "
                        + l)
            .orElse("not in " + output + " after 60 s; see the pod logs under " + dir));
    System.out.println(statusReport(client));
    System.out.println(instructions(kubeconfig, kubectl, input, output, dir));

    int tick = 0;
    while (true) {
      Thread.sleep(5000);
      Records.appendLines(
          input,
          List.of("tick " + ++tick + " at " + LocalTime.now().truncatedTo(ChronoUnit.SECONDS)));
      String now = describe(client);
      if (!now.equals(shown)) {
        say(now + " | " + Records.linesOf(output).size() + " lines in " + output);
        shown = now;
      }
    }
  }

  /** The quick start's cluster and every connector are Ready. */
  static boolean quickStartReady(KubernetesClient client) {
    KafkaConnect connect =
        client.resources(KafkaConnect.class).inNamespace(NAMESPACE).withName("pipeline").get();
    List<KafkaConnector> connectors =
        client.resources(KafkaConnector.class).inNamespace(NAMESPACE).list().getItems();
    return connect != null
        && connect.getStatus() != null
        && Sandbox.isReady(connect.getStatus().conditions)
        && !connectors.isEmpty()
        && connectors.stream()
            .allMatch(c -> c.getStatus() != null && Sandbox.isReady(c.getStatus().conditions));
  }

  /** Every KafkaConnect and KafkaConnector with its conditions and tasks, as status shows them. */
  static String statusReport(KubernetesClient client) {
    StringBuilder report = new StringBuilder("\n");
    for (KafkaConnect c :
        client.resources(KafkaConnect.class).inNamespace(NAMESPACE).list().getItems()) {
      report.append("KafkaConnect ").append(c.getMetadata().getName());
      if (c.getStatus() != null) {
        report
            .append(": ")
            .append(c.getStatus().readyReplicas)
            .append(" workers ready, Connect ")
            .append(c.getStatus().connectVersion)
            .append(", REST ")
            .append(c.getStatus().restApiUrl)
            .append('\n');
        appendConditions(report, c.getStatus().conditions, true);
      }
    }
    for (KafkaConnector c :
        client.resources(KafkaConnector.class).inNamespace(NAMESPACE).list().getItems()) {
      report.append("KafkaConnector ").append(c.getMetadata().getName());
      if (c.getStatus() != null) {
        report.append(": connector ").append(c.getStatus().connectorState).append(", tasks ");
        report.append(
            c.getStatus().tasks == null
                ? "-"
                : c.getStatus().tasks.stream()
                    .map(t -> t.id + " " + t.state + " on " + t.workerId)
                    .collect(Collectors.joining("; ")));
        report.append('\n');
        appendConditions(report, c.getStatus().conditions, false);
      }
    }
    return report.toString();
  }

  private static void appendConditions(
      StringBuilder report,
      List<io.fabric8.kubernetes.api.model.Condition> conditions,
      boolean withMessages) {
    for (var condition : conditions) {
      report
          .append("  ")
          .append(condition.getType())
          .append('=')
          .append(condition.getStatus())
          .append(' ')
          .append(condition.getReason());
      if (withMessages && !condition.getMessage().isEmpty()) {
        report.append(": ").append(condition.getMessage());
      }
      report.append('\n');
    }
  }

  static String instructions(Path kubeconfig, String kubectl, Path input, Path output, Path dir) {
    return """
        The sandbox runs until Ctrl-C (which stops every process it started). Try, in another shell:

          export KUBECONFIG=%s
          alias kubectl=%s
          kubectl get tributary                                  # clusters and connectors
          kubectl get tkc pipeline -o yaml                        # the full status
          kubectl scale tkc pipeline --replicas=3                 # a third worker joins
          kubectl apply -f examples/kafka-connect-standalone.yaml # another cluster
          kubectl get tkctr -w                                    # watch connectors change
          kubectl delete tkctr file-sink                          # waits until it has left Connect
          kubectl get pods                                        # the worker pods
          kubectl logs pipeline-connect-0                         # a worker's log (the stand-in)
          kubectl get events                                      # what the operator did
          kubectl explain kafkaconnect.spec                       # every field
          echo more >> %s; tail -f %s

        Worker and broker logs are under %s.
        """
        .formatted(kubeconfig, kubectl, input, output, dir);
  }

  /** One line on what runs: cluster readiness and each connector's state. */
  static String describe(KubernetesClient client) {
    KafkaConnect connect =
        client.resources(KafkaConnect.class).inNamespace(NAMESPACE).withName("pipeline").get();
    String clusterState =
        connect == null || connect.getStatus() == null
            ? "pipeline: starting"
            : "pipeline: "
                + connect.getStatus().readyReplicas
                + "/"
                + connect.getSpec().replicas
                + " workers, "
                + connect.getStatus().conditions.stream()
                    .filter(c -> c.getType().equals("Ready"))
                    .map(c -> "Ready=" + c.getStatus() + " (" + c.getReason() + ")")
                    .findFirst()
                    .orElse("");
    String connectors =
        client.resources(KafkaConnector.class).inNamespace(NAMESPACE).list().getItems().stream()
            .map(
                c ->
                    c.getMetadata().getName()
                        + ": "
                        + (c.getStatus() == null ? "-" : c.getStatus().connectorState))
            .collect(Collectors.joining(", "));
    return clusterState + " | " + connectors;
  }

  private static void say(String message) {
    System.out.println("[sandbox] " + message);
  }
}
