package dev.tributary.operator.resttls;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.operator.model.ClusterNames;
import dev.tributary.operator.model.RestApiTls;
import java.io.ByteArrayInputStream;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RestTlsPlanTest {

  static final ClusterNames NAMES = new ClusterNames("pipeline", "team-a");
  static final Instant NOW = Instant.parse("2026-12-01T00:00:00Z");

  @Test
  void aNewClusterGetsACaAndAWorkerCertificateForEveryPodAndTheApiService() throws Exception {
    RestTlsPlan plan = RestTlsPlan.of(NAMES, Map.of(), Map.of(), NOW);

    assertThat(plan.changes()).containsExactly("new CA", "new worker certificate");
    assertThat(plan.caData()).containsOnlyKeys("ca.crt", "ca.key");
    X509Certificate worker = certificate(plan.workerData(), "tls.crt");
    worker.verify(certificate(plan.caData(), "ca.crt").getPublicKey());
    List<Object> names =
        worker.getSubjectAlternativeNames().stream().map(name -> (Object) name.get(1)).toList();
    assertThat(names)
        .contains(
            "*.pipeline-connect-workers.team-a.svc",
            "pipeline-connect-api.team-a.svc",
            "pipeline-connect-api");
    assertThat(worker.getExtendedKeyUsage())
        .as("a server, and a client when forwarding to the leader")
        .contains("1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.2");
    assertThat(worker.getNotAfter().toInstant())
        .isEqualTo(NOW.plus(RestTlsPlan.CERTIFICATE_VALIDITY));

    KeyStore keystore = store(plan.workerData(), RestApiTls.KEYSTORE);
    assertThat(Collections.list(keystore.aliases())).containsExactly("worker");
    assertThat(keystore.getCertificateChain("worker")).hasSize(2);
    assertThat(Collections.list(store(plan.workerData(), RestApiTls.TRUSTSTORE).aliases()))
        .hasSize(1);
  }

  @Test
  void whatIsCurrentIsKeptAsItIs() {
    RestTlsPlan first = RestTlsPlan.of(NAMES, Map.of(), Map.of(), NOW);
    RestTlsPlan later =
        RestTlsPlan.of(NAMES, first.caData(), first.workerData(), NOW.plus(Duration.ofDays(50)));

    assertThat(later.changes()).isEmpty();
    assertThat(later.caChanged(first.caData())).isFalse();
    assertThat(later.workerChanged(first.workerData())).isFalse();
  }

  @Test
  void aWorkerCertificateIsRenewedAMonthBeforeItEnds() throws Exception {
    RestTlsPlan first = RestTlsPlan.of(NAMES, Map.of(), Map.of(), NOW);
    Instant then = NOW.plus(Duration.ofDays(61));
    RestTlsPlan later = RestTlsPlan.of(NAMES, first.caData(), first.workerData(), then);

    assertThat(later.changes()).containsExactly("worker certificate renewed");
    assertThat(later.caChanged(first.caData())).isFalse();
    assertThat(certificate(later.workerData(), "tls.crt").getNotAfter().toInstant())
        .isAfter(then.plus(Duration.ofDays(60)));
  }

  @Test
  void aCaIsRenewedAMonthBeforeItEndsAndTheOldOneIsTrustedUntilItsEnd() throws Exception {
    RestTlsPlan first = RestTlsPlan.of(NAMES, Map.of(), Map.of(), NOW);
    Instant renewal = NOW.plus(Duration.ofDays(340));
    RestTlsPlan renewed = RestTlsPlan.of(NAMES, first.caData(), first.workerData(), renewal);

    assertThat(renewed.changes()).containsExactly("new CA", "trusted CAs changed");
    assertThat(renewed.caData().get("previous-ca.crt")).isEqualTo(first.caData().get("ca.crt"));
    certificate(renewed.workerData(), "tls.crt")
        .verify(certificate(renewed.caData(), "ca.crt").getPublicKey());
    assertThat(CertificateAuthority.parse(decode(renewed.workerData(), "ca.crt"))).hasSize(2);
    assertThat(Collections.list(store(renewed.workerData(), RestApiTls.TRUSTSTORE).aliases()))
        .hasSize(2);

    Instant afterOldEnd = NOW.plus(Duration.ofDays(366));
    RestTlsPlan settled =
        RestTlsPlan.of(NAMES, renewed.caData(), renewed.workerData(), afterOldEnd);
    assertThat(settled.changes()).containsExactly("previous CA ended", "trusted CAs changed");
    assertThat(settled.caData()).doesNotContainKey("previous-ca.crt");
    assertThat(CertificateAuthority.parse(decode(settled.workerData(), "ca.crt"))).hasSize(1);
  }

  @Test
  void unreadableOrForeignDataIsReplacedNotTrusted() {
    RestTlsPlan other =
        RestTlsPlan.of(new ClusterNames("other", "team-a"), Map.of(), Map.of(), NOW);
    RestTlsPlan mine = RestTlsPlan.of(NAMES, other.caData(), other.workerData(), NOW);
    assertThat(mine.changes()).containsExactly("worker certificate names changed");

    RestTlsPlan garbled =
        RestTlsPlan.of(NAMES, Map.of("ca.crt", "bm9wZQ==", "ca.key", "bm9wZQ=="), Map.of(), NOW);
    assertThat(garbled.changes()).containsExactly("new CA", "new worker certificate");
  }

  @Test
  void theOperatorsClientCertificateComesFromEachTrustedCa() throws Exception {
    RestTlsPlan first = RestTlsPlan.of(NAMES, Map.of(), Map.of(), NOW);
    RestTlsPlan renewed =
        RestTlsPlan.of(NAMES, first.caData(), first.workerData(), NOW.plus(Duration.ofDays(340)));

    ClientTls client = ClientTls.of(renewed.caData(), Instant.now());
    assertThat(client.transport().trustManager().getAcceptedIssuers()).hasSize(2);
    assertThat(client.sameCas(renewed.caData())).isTrue();
    assertThat(client.sameCas(first.caData())).isFalse();
  }

  static X509Certificate certificate(Map<String, String> data, String key) {
    List<X509Certificate> all = CertificateAuthority.parse(decode(data, key));
    return all.get(0);
  }

  static String decode(Map<String, String> data, String key) {
    return new String(Base64.getDecoder().decode(data.get(key)));
  }

  static KeyStore store(Map<String, String> data, String key) throws Exception {
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(
        new ByteArrayInputStream(Base64.getDecoder().decode(data.get(key))),
        decode(data, RestApiTls.STORE_PASSWORD).toCharArray());
    return store;
  }
}
