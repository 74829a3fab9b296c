package dev.tributary.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.tributary.operator.connectapi.RestTls;
import dev.tributary.operator.model.ClusterNames;
import dev.tributary.operator.resttls.ClientTls;
import dev.tributary.operator.resttls.RestTlsPlan;
import dev.tributary.sandbox.process.Records;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLException;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.Test;

/**
 * spec.restApi.tls on real workers: HTTPS with the cluster's own CA, answered only for the operator
 * and the workers themselves (forwarding to the leader included), /health open to probes, and no
 * key of it anywhere a user, a log or Connect could show it.
 */
class RestApiTlsIT extends SandboxScenarios {

  static final ClusterNames NAMES = new ClusterNames("pipeline", NS);
  static final MediaType JSON = MediaType.get("application/json");

  @Test
  void aLockedRestApiAnswersOnlyTheOperatorAndItsOwnWorkers() throws Exception {
    sandbox.apply(
        example("kafka-connect.yaml")
            .replaceFirst("(?m)^spec:\n", "spec:\n  restApi: {tls: true}\n"));
    sandbox.apply(example("file-source-connector.yaml"));
    sandbox.apply(example("file-sink-connector.yaml"));
    await()
        .atMost(WITHIN)
        .ignoreExceptions()
        .until(
            () ->
                Sandbox.isReady(cluster().getStatus().conditions)
                    && cluster().getStatus().readyReplicas == 2
                    && Sandbox.isReady(connector("file-source").getStatus().conditions)
                    && Sandbox.isReady(connector("file-sink").getStatus().conditions));
    List<String> lines = Records.numbered("locked-", 1, 10);
    Records.appendLines(input, lines);
    await()
        .atMost(WITHIN)
        .untilAsserted(() -> assertThat(Records.linesOf(output)).containsAll(lines));
    assertThat(cluster().getStatus().restApiUrl)
        .isEqualTo("https://pipeline-connect-api.sandbox.svc:8083");

    // The operator asks each worker how busy its tasks are over the same TLS, with its certificate.
    await()
        .atMost(WITHIN)
        .ignoreExceptions()
        .untilAsserted(
            () -> {
              Records.appendLines(input, Records.numbered("busy-", 1, 5));
              assertThat(cluster().getStatus().autoscaling.recommendation)
                  .contains("file-sink")
                  .contains("tasks busy");
            });

    Map<String, String> caData = secretData(NAMES.cluster() + "-connect-rest-ca");
    assertThat(secretData(NAMES.cluster() + "-connect-rest-tls"))
        .as("the workers get their own certificate and the CAs, never a CA's key")
        .containsKeys("tls.crt", "tls.key", "ca.crt", "keystore.p12", "truststore.p12")
        .doesNotContainKeys("ca.key", "previous-ca.key");
    OkHttpClient ours = client(ClientTls.of(caData, Instant.now()).transport());

    // A write on each worker: one of them is a follower and forwards it to the leader, which
    // must accept the follower's certificate.
    for (String pod : List.of("pipeline-connect-0", "pipeline-connect-1")) {
      String probe = "probe-" + pod;
      assertThat(
              call(
                  ours,
                  pod,
                  "PUT",
                  "/connectors/" + probe + "/config",
                  "{\"connector.class\":\"org.apache.kafka.connect.file.FileStreamSinkConnector\","
                      + "\"topics\":\""
                      + topic
                      + "\",\"file\":\""
                      + dir.resolve(probe + ".txt")
                      + "\"}"))
          .isBetween(200, 201);
      assertThat(call(ours, pod, "DELETE", "/connectors/" + probe, null)).isEqualTo(204);
      assertThat(call(ours, pod, "GET", "/connectors", null)).isEqualTo(200);
    }

    // Without a certificate: /health only, as the kubelet's probes need.
    OkHttpClient anonymous = client(trustOnly(caData));
    assertThat(call(anonymous, "pipeline-connect-0", "GET", "/health", null)).isEqualTo(200);
    assertThat(call(anonymous, "pipeline-connect-0", "GET", "/connectors", null)).isEqualTo(401);
    assertThat(call(anonymous, "pipeline-connect-0", "GET", "/", null)).isEqualTo(401);

    // A certificate of another CA is turned away in the handshake.
    var otherCa = RestTlsPlan.of(new ClusterNames("other", NS), Map.of(), Map.of(), Instant.now());
    OkHttpClient stranger =
        client(
            new RestTls(
                ClientTls.of(otherCa.caData(), Instant.now()).transport().socketFactory(),
                trustOnly(caData).trustManager()));
    assertThatThrownBy(() -> call(stranger, "pipeline-connect-0", "GET", "/connectors", null))
        .isInstanceOf(SSLException.class);

    // Plain HTTP gets nothing from Connect.
    assertThat(plainHttp("pipeline-connect-0")).isNotEqualTo(200);
  }

  Map<String, String> secretData(String name) {
    return sandbox.client().secrets().inNamespace(NS).withName(name).get().getData();
  }

  /** Trusting the cluster's CAs, with no certificate of its own. */
  static RestTls trustOnly(Map<String, String> caData) throws Exception {
    var trust = ClientTls.of(caData, Instant.now()).transport().trustManager();
    var context = javax.net.ssl.SSLContext.getInstance("TLS");
    context.init(null, new javax.net.ssl.TrustManager[] {trust}, null);
    return new RestTls(context.getSocketFactory(), trust);
  }

  /** A client reaching workers by their DNS names, as the operator and other workers do. */
  OkHttpClient client(RestTls tls) {
    return new OkHttpClient.Builder()
        .sslSocketFactory(tls.socketFactory(), tls.trustManager())
        .dns(host -> List.of(InetAddress.getByName(addressOf(host))))
        .retryOnConnectionFailure(false)
        .callTimeout(Duration.ofSeconds(30))
        .build();
  }

  String addressOf(String host) {
    String pod = host.substring(0, host.indexOf('.'));
    return sandbox.cluster().podAddresses().get(NS + "/" + pod);
  }

  int call(OkHttpClient client, String pod, String method, String path, String body)
      throws Exception {
    var request =
        new Request.Builder()
            .url("https://" + NAMES.podHost(pod) + ":" + ClusterNames.REST_PORT + path)
            .method(method, body == null ? null : RequestBody.create(body, JSON))
            .build();
    try (Response response = client.newCall(request).execute()) {
      return response.code();
    }
  }

  int plainHttp(String pod) {
    var request =
        new Request.Builder()
            .url("http://" + NAMES.podHost(pod) + ":" + ClusterNames.REST_PORT + "/connectors")
            .build();
    try (Response response = client(trustOnlyUnchecked()).newCall(request).execute()) {
      return response.code();
    } catch (Exception e) {
      return -1;
    }
  }

  RestTls trustOnlyUnchecked() {
    try {
      return trustOnly(secretData(NAMES.cluster() + "-connect-rest-ca"));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
