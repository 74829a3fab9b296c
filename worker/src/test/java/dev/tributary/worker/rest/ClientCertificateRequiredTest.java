package dev.tributary.worker.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.cert.X509Certificate;
import org.junit.jupiter.api.Test;

class ClientCertificateRequiredTest {

  @Test
  void probesReachHealthWithoutACertificateAndNothingElse() {
    assertThat(ClientCertificateRequired.admitted("health", null)).isTrue();
    assertThat(ClientCertificateRequired.admitted("/health", null)).isTrue();
    assertThat(ClientCertificateRequired.admitted("", null)).isFalse();
    assertThat(ClientCertificateRequired.admitted("connectors", null)).isFalse();
    assertThat(ClientCertificateRequired.admitted("health/../connectors", null)).isFalse();
    assertThat(ClientCertificateRequired.admitted("admin/loggers", new X509Certificate[0]))
        .isFalse();
  }
}
