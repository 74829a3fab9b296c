package dev.tributary.sandbox.apiserver;

import dev.tributary.api.validation.CrdValidator;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.function.Consumer;

/**
 * The Kubernetes API stand-in on its own: fabric8's mock server in CRUD mode with {@link
 * ApiServerStandIn} on top and the project's CRDs registered. The operator may run in this process
 * ({@link OperatorHarness}) or in its own, given a kubeconfig.
 */
public final class StandInApi implements AutoCloseable {

  /** Held so the level sticks: the mock server logs every request at INFO through JUL. */
  private static final java.util.logging.Logger MOCK_SERVER_LOG =
      java.util.logging.Logger.getLogger("io.fabric8.mockwebserver");

  static {
    MOCK_SERVER_LOG.setLevel(java.util.logging.Level.WARNING);
  }

  private final KubernetesMockServer server;
  private final ApiServerStandIn dispatcher;
  private final Tables tables;
  private final KubernetesClient client;

  private StandInApi(
      KubernetesMockServer server,
      ApiServerStandIn dispatcher,
      Tables tables,
      KubernetesClient client) {
    this.server = server;
    this.dispatcher = dispatcher;
    this.tables = tables;
    this.client = client;
  }

  /** Starts the stand-in on an ephemeral loopback port with the CRDs under {@code repo/crds}. */
  public static StandInApi start(Path repo) throws IOException {
    List<CustomResourceDefinition> crds = new ArrayList<>();
    for (String crd :
        new String[] {
          "kafkaconnects.tributary.dev-v1.yml", "kafkaconnectors.tributary.dev-v1.yml"
        }) {
      crds.add(
          Serialization.unmarshal(
              Files.readString(repo.resolve("crds").resolve(crd)), CustomResourceDefinition.class));
    }
    Map<ServerRequest, Queue<ServerResponse>> responses = new HashMap<>();
    Map<String, CrdValidator> validators = new HashMap<>();
    for (CustomResourceDefinition crd : crds) {
      validators.put(
          crd.getSpec().getNames().getPlural(),
          CrdValidator.of(Serialization.jsonMapper().valueToTree(crd)));
    }
    var tables = new Tables(crds);
    var dispatcher = new ApiServerStandIn(responses, new Discovery(crds), tables, validators);
    var server =
        new KubernetesMockServer(new Context(), new MockWebServer(), responses, dispatcher, false);
    server.init(InetAddress.getLoopbackAddress(), 0);
    KubernetesClient client = server.createClient();
    crds.forEach(crd -> client.resource(crd).create());
    return new StandInApi(server, dispatcher, tables, client);
  }

  /** A client of this process's own, with no credentials. */
  public KubernetesClient client() {
    return client;
  }

  /** Where the stand-in answers. */
  public URI url() {
    return URI.create(client.getMasterUrl().toString());
  }

  /**
   * A kubeconfig for a client in another process; {@code token} travels as its bearer token, so
   * {@link #observe} can tell that client's requests from others.
   */
  public Path writeKubeconfig(Path file, String namespace, String token) throws IOException {
    Files.writeString(
        file,
        """
        apiVersion: v1
        kind: Config
        clusters:
          - name: tributary-stand-in
            cluster: {server: "%s"}
        users:
          - name: stand-in-user
            user: {token: %s}
        contexts:
          - name: tributary-stand-in
            context: {cluster: tributary-stand-in, user: stand-in-user, namespace: %s}
        current-context: tributary-stand-in
        """
            .formatted(url(), token, namespace));
    return file;
  }

  /** Sees every request before it is answered (benchmarks count them). */
  public void observe(Consumer<RecordedRequest> observer) {
    dispatcher.observe(observer);
  }

  Tables tables() {
    return tables;
  }

  ApiServerStandIn dispatcher() {
    return dispatcher;
  }

  @Override
  public void close() {
    client.close();
    server.destroy();
  }
}
